package dev.switchboard.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Turns {@code DATABASE_URL} and the service's {@code switchboard.database.schema} into Spring's
 * R2DBC and Flyway settings, and creates the database when it does not exist yet.
 *
 * <p>Each service owns one schema. Flyway migrates only that schema, from
 * {@code classpath:db/migration/<schema>}, keeping its history table inside the schema, so the
 * services migrate independently and never touch each other's tables. Spring Boot runs the
 * migration while the context refreshes, before the web server accepts a request.
 *
 * <p>The settings are derived when they are first read, not when this post-processor runs, so a
 * {@code switchboard.database.url} that arrives later (a test's {@code @DynamicPropertySource})
 * is honoured, and only the database actually used is created.
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
        // Settings that depend only on the schema. Spring binds the two map-valued ones by
        // enumerating property names, so they live in an ordinary, enumerable source.
        environment.getPropertySources().addLast(new MapPropertySource("switchboardSchema", Map.of(
                "spring.r2dbc.properties.schema", schema,
                "spring.flyway.schemas", schema,
                "spring.flyway.default-schema", schema,
                "spring.flyway.create-schemas", "true",
                "spring.flyway.locations", "classpath:db/migration/" + schema,
                "spring.flyway.placeholders.schema", schema)));
        environment.getPropertySources().addLast(new DerivedSettings(environment));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * The R2DBC and Flyway properties, computed from the environment at the moment they are read.
     * Deliberately not enumerable: Spring then asks it only for names it is looking up, and never
     * walks it while it is itself reading the environment.
     */
    static final class DerivedSettings extends PropertySource<String> {

        private static final Set<String> NAMES = Set.of("spring.r2dbc.url", "spring.r2dbc.username",
                "spring.r2dbc.password", "spring.flyway.url", "spring.flyway.user", "spring.flyway.password");
        private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

        private final Environment environment;

        /*
         * The environment is a field, not the property source's "source": Spring adapts a property
         * source whose source is an environment by walking that environment, which contains this
         * source again, and never finishes.
         */
        DerivedSettings(Environment environment) {
            super("switchboardDatabase", "DATABASE_URL");
            this.environment = environment;
        }

        @Override
        public boolean containsProperty(String name) {
            return NAMES.contains(name);
        }

        @Override
        public Object getProperty(String name) {
            if (!NAMES.contains(name)) {
                return null;
            }
            DatabaseUrl url = url();
            return switch (name) {
                case "spring.r2dbc.url" -> url.r2dbcUrl();
                case "spring.flyway.url" -> url.jdbcUrl();
                case "spring.r2dbc.username", "spring.flyway.user" -> url.user();
                default -> url.password();
            };
        }

        private DatabaseUrl url() {
            String raw = environment.getProperty(URL_PROPERTY, environment.getProperty("DATABASE_URL", DatabaseUrl.DEFAULT));
            DatabaseUrl url = DatabaseUrl.parse(raw);
            if (environment.getProperty("switchboard.database.create-if-missing", Boolean.class, true)
                    && CREATED.add(url.toString())) {
                createIfMissing(url);
            }
            return url;
        }
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
            if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot reach or create the database " + url + ": " + e.getMessage(), e);
            }
        }
    }
}
