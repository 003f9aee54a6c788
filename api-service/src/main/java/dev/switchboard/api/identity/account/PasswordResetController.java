package dev.switchboard.api.identity.account;

import java.time.Clock;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.OneTimeToken;
import dev.switchboard.api.mail.Mail;
import dev.switchboard.api.mail.Mailer;
import dev.switchboard.api.mail.MailProperties;

/**
 * Password reset by emailed link. {@code POST /auth/password-reset} answers 202 whether or not the
 * address has an account, and does the lookup and the mailing after answering, so neither the
 * answer nor its timing tells. {@code POST /auth/password-reset/confirm} sets the new password and
 * ends every session of the user ({@link PasswordResets#use}).
 */
@RestController
@RequestMapping("/auth/password-reset")
class PasswordResetController {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetController.class);

    record ResetRequest(String email) {
        @Override
        public String toString() {
            return "ResetRequest[email=<redacted>]";
        }
    }

    record ResetConfirmation(String token, String password) {
        @Override
        public String toString() {
            return "ResetConfirmation[<redacted>]";
        }
    }

    private final Accounts accounts;
    private final PasswordResets resets;
    private final PasswordHasher passwords;
    private final ResetThrottle throttle;
    private final LoginThrottle loginThrottle;
    private final Mailer mailer;
    private final MailProperties mail;
    private final PasswordResetProperties properties;
    private final Clock clock = Clock.systemUTC();

    PasswordResetController(Accounts accounts, PasswordResets resets, PasswordHasher passwords, ResetThrottle throttle,
                            LoginThrottle loginThrottle, Mailer mailer, MailProperties mail, PasswordResetProperties properties) {
        this.loginThrottle = loginThrottle;
        this.accounts = accounts;
        this.resets = resets;
        this.passwords = passwords;
        this.throttle = throttle;
        this.mailer = mailer;
        this.mail = mail;
        this.properties = properties;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> request(@RequestBody ResetRequest request, ServerWebExchange exchange) {
        String email = request.email() == null ? "" : request.email().strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw ApiException.badRequest("email is required");
        }
        return throttle.countRequest(exchange)
                .doOnSuccess(ignored -> mailLinkIfAccount(email)
                        .subscribe(null, e -> log.warn("Could not send a password reset mail: {}", e.toString())))
                .thenReturn(ResponseEntity.accepted().build());
    }

    @PostMapping(path = "/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> confirm(@RequestBody ResetConfirmation confirmation) {
        if (confirmation.token() == null || confirmation.token().isBlank()) {
            throw ApiException.badRequest("token is required");
        }
        Credentials.checkPassword(confirmation.password());
        return passwords.hash(confirmation.password())
                .flatMap(hash -> resets.use(OneTimeToken.hashOf(confirmation.token().strip()), hash))
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("This password reset link is invalid, expired or already used")))
                // Whoever locked the account by guessing must not keep its owner out after a reset.
                .delayUntil(loginThrottle::recordSuccess)
                .thenReturn(ResponseEntity.noContent().build());
    }

    /**
     * Runs after the 202 has been decided, detached from the request: the time an SMTP conversation
     * takes must not tell a caller that the address has an account.
     */
    private Mono<Void> mailLinkIfAccount(String email) {
        return accounts.findByEmail(email)
                .filterWhen(account -> throttle.mayMail(email))
                .flatMap(account -> {
                    OneTimeToken token = OneTimeToken.generate();
                    return resets.insert(token.hash(), account.userId(), clock.instant().plus(properties.tokenTtl()))
                            .then(mailer.send(resetMail(account.email(), token)));
                });
    }

    private Mail resetMail(String to, OneTimeToken token) {
        var link = mail.link("reset-password", token.secret());
        long minutes = properties.tokenTtl().toMinutes();
        String text = """
                Someone asked to reset the password of your Switchboard account.
                To choose a new password, open this link within %d minutes:

                %s

                If it was not you, ignore this mail: your password stays as it is.
                """.formatted(minutes, link);
        return new Mail(to, "Reset your Switchboard password", text, link);
    }
}
