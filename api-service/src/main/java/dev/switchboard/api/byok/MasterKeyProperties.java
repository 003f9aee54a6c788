package dev.switchboard.api.byok;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The master keys that encrypt BYOK secrets. Each is 32 bytes, base64-encoded, and has an id that
 * is stored next to every ciphertext, so a rotated-out key can still decrypt what it encrypted.
 *
 * <ul>
 *   <li>{@code switchboard.master-key} ({@code SWITCHBOARD_MASTER_KEY}): the simple case, one key,
 *       whose id is {@code switchboard.master-key-id} (default {@code default});</li>
 *   <li>{@code switchboard.master-keys.<id>}: further keys, e.g. the previous one during a rotation;</li>
 *   <li>{@code switchboard.master-key-active}: the id new secrets are encrypted under (default: the
 *       id of {@code master-key}).</li>
 * </ul>
 * With no key at all, the BYOK API answers 503 and BYOK is never used for routing.
 */
@ConfigurationProperties("switchboard")
public record MasterKeyProperties(String masterKey,
                                  @DefaultValue("default") String masterKeyId,
                                  Map<String, String> masterKeys,
                                  String masterKeyActive) {

    public MasterKeyProperties {
        masterKeys = masterKeys == null ? Map.of() : Map.copyOf(masterKeys);
    }

    @Override
    public String toString() {
        return "MasterKeyProperties[ids=" + masterKeys.keySet() + (masterKey == null ? "" : " + " + masterKeyId)
                + ", active=" + masterKeyActive + "]";
    }
}
