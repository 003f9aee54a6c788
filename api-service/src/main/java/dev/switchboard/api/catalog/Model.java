package dev.switchboard.api.catalog;

import java.util.List;

/** A catalogued model and its endpoints, in the catalog's order. */
public record Model(String id, String name, long contextLength, List<Endpoint> endpoints) {
}
