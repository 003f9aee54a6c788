package dev.switchboard.api.identity.account;

import java.util.Locale;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Users, their personal organisations and memberships, in schema {@code api}. */
@Repository
public class Accounts {

    private static final String ACCOUNT_COLUMNS = """
            SELECT u.id AS user_id, u.email, u.password_hash, o.id AS org_id, o.name AS org_name, m.role
              FROM users u
              JOIN memberships m ON m.user_id = u.id
              JOIN organizations o ON o.id = m.org_id
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    Accounts(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.tx = TransactionalOperator.create(transactions);
    }

    /**
     * Creates the user, their personal organisation and the owner membership in one transaction.
     * A taken address surfaces as Spring's {@code DuplicateKeyException}.
     *
     * @param passwordHash {@code null} for an account opened by a GitHub or Google login
     */
    Mono<Account> create(String email, String passwordHash) {
        UUID userId = UUID.randomUUID();
        UUID orgId = UUID.randomUUID();
        String orgName = personalOrganisationName(email);
        Mono<Long> user = db.sql("INSERT INTO users (id, email, password_hash) VALUES (:id, :email, :hash)")
                .bind("id", userId)
                .bind("email", email)
                .bind("hash", Parameter.fromOrEmpty(passwordHash, String.class))
                .fetch()
                .rowsUpdated();
        Mono<Long> organisation = db.sql("INSERT INTO organizations (id, name, personal_for) VALUES (:id, :name, :user)")
                .bind("id", orgId)
                .bind("name", orgName)
                .bind("user", userId)
                .fetch()
                .rowsUpdated();
        Mono<Long> membership = db.sql("INSERT INTO memberships (org_id, user_id, role) VALUES (:org, :user, 'owner')")
                .bind("org", orgId)
                .bind("user", userId)
                .fetch()
                .rowsUpdated();
        return user.then(organisation)
                .then(membership)
                .thenReturn(new Account(userId, email, passwordHash, orgId, orgName, "owner"))
                .as(tx::transactional);
    }

    /** The user with this (normalised) address and their personal organisation. */
    Mono<Account> findByEmail(String email) {
        return db.sql(ACCOUNT_COLUMNS + " WHERE u.email = :email AND o.personal_for = u.id")
                .bind("email", email)
                .map(Accounts::account)
                .one();
    }

    /** The user and their personal organisation. */
    Mono<Account> findPersonal(UUID userId) {
        return db.sql(ACCOUNT_COLUMNS + " WHERE u.id = :user AND o.personal_for = u.id")
                .bind("user", userId)
                .map(Accounts::account)
                .one();
    }

    /** The user in one of their organisations, with their role there; empty if they are not a member. */
    Mono<Account> find(UUID userId, UUID orgId) {
        return db.sql(ACCOUNT_COLUMNS + " WHERE u.id = :user AND o.id = :org")
                .bind("user", userId)
                .bind("org", orgId)
                .map(Accounts::account)
                .one();
    }

    /** The personal organisation of the user with this address (any case), for operator grants. */
    public Mono<UUID> personalOrganisation(String email) {
        return db.sql("SELECT o.id FROM organizations o JOIN users u ON o.personal_for = u.id WHERE u.email = :email")
                .bind("email", email.strip().toLowerCase(Locale.ROOT))
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    /** The user's (normalised) address; empty when the user no longer exists. */
    public Mono<String> emailOf(UUID userId) {
        return db.sql("SELECT email FROM users WHERE id = :id")
                .bind("id", userId)
                .map(row -> row.get("email", String.class))
                .one();
    }

    /** Whether an account with this (normalised) address exists. */
    public Mono<Boolean> exists(String email) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM users WHERE email = :email) AS taken")
                .bind("email", email)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class)))
                .one();
    }

    private static String personalOrganisationName(String email) {
        return email.substring(0, email.indexOf('@')) + "'s organization";
    }

    private static Account account(Readable row) {
        return new Account(
                row.get("user_id", UUID.class),
                row.get("email", String.class),
                row.get("password_hash", String.class),
                row.get("org_id", UUID.class),
                row.get("org_name", String.class),
                row.get("role", String.class));
    }
}
