package dev.switchboard.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code DATABASE_URL} and the service's {@code switchboard.database.schema} into Spring's
 * R2DBC and Flyway settings, and creates the database when it does not exist yet.
 *
 * <p>Each service owns one schema. Flyway migrates only that schema, from
 * {@code classpath:db/migration/<schema>}, keeping its history table inside the schema, so the
 * services migrate independently and never touch each other's tables. Spring Boot runs the
 * migration while the context refreshes, before the web server accepts a request.
 */
public class DatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SCHEMA_PROPERTY = "switchboard.database.schema";
    static final String URL_PROPERTY = "switchboard.database.url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String schema = environment.getProperty(SCHEMA_PROPERTY);
        if (schema == null) {
            return; // not a Switchboard service (or a slice test that brings its own settings)
        }
        if (!schema.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalStateException(SCHEMA_PROPERTY + " must be a plain lowercase identifier");
        }
        String raw = environment.getProperty(URL_PROPERTY,
                environment.getProperty("DATABASE_URL", DatabaseUrl.DEFAULT));
        DatabaseUrl url = DatabaseUrl.parse(raw);
        if (environment.getProperty("switchboard.database.create-if-missing", Boolean.class, true)) {
            createIfMissing(url);
        }

        Map<String, Object> props = new HashMap<>();
        props.put("spring.r2dbc.url", url.r2dbcUrl());
        props.put("spring.r2dbc.username", url.user());
        props.put("spring.r2dbc.password", url.password());
        props.put("spring.r2dbc.properties.schema", schema);
        props.put("spring.flyway.url", url.jdbcUrl());
        props.put("spring.flyway.user", url.user());
        props.put("spring.flyway.password", url.password());
        props.put("spring.flyway.schemas", schema);
        props.put("spring.flyway.default-schema", schema);
        props.put("spring.flyway.create-schemas", "true");
        props.put("spring.flyway.locations", "classpath:db/migration/" + schema);
        props.put("spring.flyway.placeholders.schema", schema);
        environment.getPropertySources().addLast(new MapPropertySource("switchboardDatabase", props));
    }

    /**
     * Creates the database over the server's maintenance database. Two services starting at once
     * may race here; the loser sees "already exists" (SQL state 42P04), which is success.
     */
    static void createIfMissing(DatabaseUrl url) {
        Properties credentials = new Properties();
        credentials.setProperty("user", url.user());
        if (!url.password().isEmpty()) {
            credentials.setProperty("password", url.password());
        }
        try (Connection c = DriverManager.getConnection(url.jdbcUrl("postgres"), credentials)) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, url.database());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE \"" + url.database().replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot reach or create the database " + url + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
