package dev.switchboard.catalog.error;

import java.util.Map;

/**
 * A request this service refuses, with the HTTP status and the metadata the client gets back (for
 * example the closest model ids to an unknown one).
 */
public class CatalogException extends RuntimeException {

    private final int status;
    private final Map<String, Object> metadata;

    public CatalogException(int status, String message, Map<String, Object> metadata) {
        super(message);
        this.status = status;
        this.metadata = Map.copyOf(metadata);
    }

    public static CatalogException notFound(String message, Map<String, Object> metadata) {
        return new CatalogException(404, message, metadata);
    }

    public static CatalogException badRequest(String message) {
        return new CatalogException(400, message, Map.of());
    }

    public int status() {
        return status;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }
}
