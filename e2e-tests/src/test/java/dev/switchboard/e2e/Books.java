package dev.switchboard.e2e;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import dev.switchboard.testing.TestInfrastructure;

/**
 * Reads the platform's books straight from PostgreSQL (this test run's own database): the ledger in
 * schema {@code billing}, the generation records in schema {@code api}. Read-only.
 */
final class Books {

    /** What the ledger says about one organisation's usage. */
    record OrgUsage(long generations, long legsPerGenerationMax, long usageNanos) {
    }

    static OrgUsage usageOf(UUID orgId) {
        return query("""
                        SELECT count(DISTINCT generation_id) AS generations,
                               COALESCE(max(legs), 0) AS legs_max,
                               COALESCE(sum(amount), 0)::bigint AS usage_nanos
                        FROM (SELECT generation_id, count(*) AS legs, sum(amount_nanos) AS amount
                              FROM billing.transfers
                              WHERE debit_account = ? AND kind LIKE 'usage%'
                              GROUP BY generation_id) g""",
                "org:" + orgId, rs -> new OrgUsage(rs.getLong("generations"), rs.getLong("legs_max"), rs.getLong("usage_nanos")));
    }

    /** The largest hold any of the organisation's generations took: one request's worst case. */
    static long maxHeldNanos(UUID orgId) {
        return query("SELECT COALESCE(max(held_nanos), 0) AS held FROM api.generations WHERE org_id = ?",
                orgId, rs -> rs.getLong("held"));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T query(String sql, Object parameter, Row<T> row) {
        URI uri = URI.create(TestInfrastructure.databaseUrl());
        String[] user = uri.getUserInfo() == null ? new String[] {"postgres"} : uri.getUserInfo().split(":", 2);
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath();
        try (Connection c = DriverManager.getConnection(jdbc, user[0], user.length > 1 ? user[1] : "");
             PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private Books() {
    }
}
