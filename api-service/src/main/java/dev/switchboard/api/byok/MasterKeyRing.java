package dev.switchboard.api.byok;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The configured master keys by id and the active one. Built once at start; a malformed key fails
 * the start rather than surfacing later as undecryptable secrets.
 */
final class MasterKeyRing {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int KEY_BYTES = 32;

    private final Map<String, SecretKey> keys;
    private final String activeId;

    private MasterKeyRing(Map<String, SecretKey> keys, String activeId) {
        this.keys = Map.copyOf(keys);
        this.activeId = activeId;
    }

    static MasterKeyRing of(MasterKeyProperties properties) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        properties.masterKeys().forEach((id, encoded) -> keys.put(checkedId(id), aesKey(id, encoded)));
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            String id = checkedId(properties.masterKeyId());
            SecretKey key = aesKey(id, properties.masterKey());
            SecretKey other = keys.putIfAbsent(id, key);
            if (other != null && !other.equals(key)) {
                throw new IllegalArgumentException("switchboard.master-key and switchboard.master-keys." + id
                        + " name two different keys with one id");
            }
        }
        if (keys.isEmpty()) {
            return new MasterKeyRing(Map.of(), null);
        }
        String active = properties.masterKeyActive() != null && !properties.masterKeyActive().isBlank()
                ? properties.masterKeyActive()
                : properties.masterKey() != null ? properties.masterKeyId() : null;
        if (active == null && keys.size() == 1) {
            active = keys.keySet().iterator().next();
        }
        if (active == null || !keys.containsKey(active)) {
            throw new IllegalArgumentException("switchboard.master-key-active must name one of the configured master keys "
                    + keys.keySet() + ", not " + active);
        }
        return new MasterKeyRing(keys, active);
    }

    boolean configured() {
        return activeId != null;
    }

    String activeId() {
        return activeId;
    }

    SecretKey active() {
        return keys.get(activeId);
    }

    Optional<SecretKey> byId(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    private static String checkedId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A master key id must be 1 to 64 letters, digits, '_' or '-': " + id);
        }
        return id;
    }

    private static SecretKey aesKey(String id, String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("Master key '" + id + "' is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("Master key '" + id + "' must be 32 bytes (AES-256), base64-encoded;"
                    + " it has " + bytes.length + ". Generate one with: openssl rand -base64 32");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
