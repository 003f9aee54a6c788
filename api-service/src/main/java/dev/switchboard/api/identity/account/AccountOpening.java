package dev.switchboard.api.identity.account;

import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.switchboard.api.billing.BillingClient;
import dev.switchboard.api.error.ApiException;

/**
 * Opens an account: checks the address and password, stores the user with their personal
 * organisation, and opens that organisation's credit account in billing-service. Sign-up and
 * accepting an invitation without an account both come through here.
 */
@Component
public class AccountOpening {

    private static final Logger log = LoggerFactory.getLogger(AccountOpening.class);

    /** A newly opened account: the user and their personal organisation. */
    public record Opened(UUID userId, String email, UUID personalOrgId) {
    }

    private final Accounts accounts;
    private final PasswordHasher passwords;
    private final BillingClient billing;
    private final TransactionalOperator tx;

    AccountOpening(Accounts accounts, PasswordHasher passwords, BillingClient billing, ReactiveTransactionManager transactions) {
        this.tx = TransactionalOperator.create(transactions);
        this.accounts = accounts;
        this.passwords = passwords;
        this.billing = billing;
    }

    /**
     * Opens the account and runs {@code alongside} with the new user's id in the same database
     * transaction: when it fails, no account is left behind (accepting an invitation by signing up
     * either joins the organisation or opens nothing). 400 for a bad address or password, 409 when the
     * address has an account.
     */
    public Mono<Opened> open(String email, String password, Function<UUID, Mono<?>> alongside) {
        Credentials valid = new Credentials(email, password).validForSignup();
        return passwords.hash(valid.password())
                .flatMap(hash -> accounts.create(valid.normalisedEmail(), hash)
                        .delayUntil(account -> alongside.apply(account.userId()))
                        .as(tx::transactional))
                .onErrorMap(DuplicateKeyException.class, AccountOpening::taken)
                .delayUntil(this::openCreditAccount)
                .map(account -> new Opened(account.userId(), account.email(), account.orgId()));
    }

    Mono<Account> open(Credentials credentials) {
        Credentials valid = credentials.validForSignup();
        return passwords.hash(valid.password())
                .flatMap(hash -> accounts.create(valid.normalisedEmail(), hash))
                .onErrorMap(DuplicateKeyException.class, AccountOpening::taken)
                .delayUntil(this::openCreditAccount);
    }

    private static ApiException taken(DuplicateKeyException e) {
        return new ApiException(HttpStatus.CONFLICT, "An account with this email already exists");
    }

    /**
     * Opening the credit account is idempotent and the grant path opens it again, so a billing-service
     * that is down must not fail a sign-up: log and carry on.
     */
    Mono<Void> openCreditAccount(Account account) {
        return billing.openAccount(account.orgId())
                .then()
                .onErrorResume(e -> {
                    log.warn("Could not open the credit account of organisation {} at sign-up ({}); the first grant will open it",
                            account.orgId(), e.toString());
                    return Mono.empty();
                });
    }
}
