package dev.switchboard.api.provider;

/** Carries a {@link ProviderError} through a reactive pipeline's error channel. */
public final class ProviderException extends RuntimeException {

    private final ProviderError error;

    public ProviderException(ProviderError error) {
        super(error.provider() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public ProviderError error() {
        return error;
    }
}
