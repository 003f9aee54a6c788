package dev.switchboard.api.byok;

import java.util.Map;
import java.util.Optional;

/** An organisation's usable BYOK credentials by provider slug (at most one per provider: the oldest enabled). */
public record ByokKeyring(Map<String, ByokCredential> byProvider) {

    public static final ByokKeyring EMPTY = new ByokKeyring(Map.of());

    public ByokKeyring {
        byProvider = Map.copyOf(byProvider);
    }

    public Optional<ByokCredential> forProvider(String providerSlug) {
        return Optional.ofNullable(byProvider.get(providerSlug));
    }

    public boolean isEmpty() {
        return byProvider.isEmpty();
    }

    @Override
    public String toString() {
        return "ByokKeyring" + byProvider.keySet();
    }
}
