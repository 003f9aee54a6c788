package dev.switchboard.api.identity.account;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.security.SessionSignIn;

/**
 * {@code /auth/signup}, {@code /auth/login} (throttled, see {@link LoginThrottle}), {@code /auth/logout}
 * and {@code /auth/me}. Sign-up and
 * login accept JSON only: that is what lets the security chain exempt them from CSRF (a cross-site
 * page cannot send a JSON body without a CORS preflight, which this origin never grants).
 */
@RestController
@RequestMapping("/auth")
class AccountController {

    private final Accounts accounts;
    private final PasswordHasher passwords;
    private final SessionSignIn sessions;
    private final AccountOpening opening;
    private final LoginThrottle throttle;

    AccountController(Accounts accounts, PasswordHasher passwords, SessionSignIn sessions, AccountOpening opening,
                      LoginThrottle throttle) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.opening = opening;
        this.throttle = throttle;
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<AccountView>> signup(@RequestBody Credentials credentials, ServerWebExchange exchange) {
        return opening.open(credentials)
                .delayUntil(account -> sessions.signIn(exchange, account.userId(), account.orgId()))
                .map(account -> ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(account)));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<AccountView> login(@RequestBody Credentials credentials, ServerWebExchange exchange) {
        Credentials valid = credentials.validForLogin();
        String email = valid.normalisedEmail();
        return throttle.check(email, exchange)
                .then(accounts.findByEmail(email))
                .map(AccountLookup::found)
                .defaultIfEmpty(AccountLookup.NONE)
                .filterWhen(lookup -> passwords.matches(valid.password(), lookup.passwordHash()))
                .map(AccountLookup::account)
                .switchIfEmpty(Mono.defer(() -> throttle.recordFailure(email, exchange)
                        .then(Mono.error(ApiException.unauthorized("Invalid email or password")))))
                .delayUntil(account -> throttle.recordSuccess(email))
                .delayUntil(account -> sessions.signIn(exchange, account.userId(), account.orgId()))
                .map(AccountView::of);
    }

    @PostMapping("/logout")
    Mono<ResponseEntity<Void>> logout(ServerWebExchange exchange) {
        return sessions.signOut(exchange)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/me")
    Mono<AccountView> me(@AuthenticationPrincipal Caller caller, ServerWebExchange exchange) {
        return accounts.find(caller.userId(), caller.orgId())
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("This session's user or organisation no longer exists")))
                .delayUntil(account -> sessions.exposeCsrfToken(exchange))
                .map(AccountView::of);
    }

    /** A login lookup that may have found nobody, so that the password check runs either way. */
    private record AccountLookup(Account account) {

        static final AccountLookup NONE = new AccountLookup(null);

        static AccountLookup found(Account account) {
            return new AccountLookup(account);
        }

        String passwordHash() {
            return account == null ? null : account.passwordHash();
        }
    }
}
