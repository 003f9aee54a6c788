package dev.switchboard.catalog.operator;

/**
 * The answer to a status switch or an added endpoint: what was changed ({@code provider},
 * {@code model} or {@code endpoint}), its id, its status now, and the snapshot version that carries it.
 */
record StatusView(String kind, String id, String status, String reason, String version) {
}
