package dev.switchboard.api.identity.account;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.switchboard.api.error.ApiException;

/** {@code POST /auth/signup} and {@code POST /auth/login}: {@code {"email","password"}}. */
record Credentials(String email, String password) {

    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 128;
    static final int EMAIL_MAX = 254;

    /**
     * One "@", a non-empty local part and a dotted domain, no whitespace: deliberately loose, since
     * only a confirmation mail could prove an address; this catches typing mistakes.
     */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    /** The address as it is stored: trimmed and lower-cased. */
    String normalisedEmail() {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Checks a sign-up: a plausible address and a password of 8 to 128 characters. */
    Credentials validForSignup() {
        String normalised = normalisedEmail();
        if (normalised.isEmpty()) {
            throw ApiException.badRequest("email is required");
        }
        if (normalised.length() > EMAIL_MAX || !EMAIL.matcher(normalised).matches()) {
            throw ApiException.badRequest("email is not a valid address");
        }
        checkPassword(password);
        return this;
    }

    /** The password rule of sign-up, password reset and invitation sign-up: 8 to 128 characters. */
    static void checkPassword(String password) {
        if (password == null || password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
            throw ApiException.badRequest("password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters");
        }
    }

    /** A login only needs both fields present; anything else is decided by the password check. */
    Credentials validForLogin() {
        if (normalisedEmail().isEmpty() || password == null || password.isEmpty()) {
            throw ApiException.badRequest("email and password are required");
        }
        return this;
    }

    @Override
    public String toString() {
        return "Credentials[email=" + email + ", password=<redacted>]";
    }
}
