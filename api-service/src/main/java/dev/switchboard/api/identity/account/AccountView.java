package dev.switchboard.api.identity.account;

import java.util.UUID;

/**
 * The body of sign-up, login and {@code /auth/me}:
 * {@code {"data":{"user":{"id","email"},"organization":{"id","name","role"}}}}.
 */
record AccountView(Data data) {

    static AccountView of(Account account) {
        return new AccountView(new Data(
                new User(account.userId(), account.email()),
                new Organization(account.orgId(), account.orgName(), account.role())));
    }

    record Data(User user, Organization organization) {
    }

    record User(UUID id, String email) {
    }

    /** @param role the user's role in it: {@code owner}, {@code admin} or {@code member} */
    record Organization(UUID id, String name, String role) {
    }
}
