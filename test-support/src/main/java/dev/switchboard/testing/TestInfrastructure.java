package dev.switchboard.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL and Redis a test JVM talks to.
 *
 * <p>Where they come from, in order: the servers named by {@code SWITCHBOARD_TEST_DATABASE_URL}
 * (any database on the server; the name is replaced) and {@code SWITCHBOARD_TEST_REDIS_URL}; else
 * Testcontainers when a Docker engine answers; else PostgreSQL and Redis on localhost.
 *
 * <p>Each JVM creates one fresh database ({@code sbtest_<random>}) and one Redis key prefix, and
 * drops both when it exits, so parallel runs (CI and a developer, or two modules) never collide.
 */
public final class TestInfrastructure {

    private static final Object LOCK = new Object();
    private static volatile Resources resources;

    private TestInfrastructure() {
    }

    /** {@code postgresql://…/sbtest_…}: a database created for this JVM. */
    public static String databaseUrl() {
        return get().databaseUrl;
    }

    /** {@code redis://…} */
    public static String redisUrl() {
        return get().redisUrl;
    }

    /** A key prefix of this JVM's own, ending in a colon. */
    public static String redisPrefix() {
        return get().redisPrefix;
    }

    /** Points a Spring Boot test at this JVM's database and Redis prefix. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("switchboard.database.url", TestInfrastructure::databaseUrl);
        registry.add("spring.data.redis.url", TestInfrastructure::redisUrl);
        registry.add("switchboard.redis.prefix", TestInfrastructure::redisPrefix);
    }

    private static Resources get() {
        Resources r = resources;
        if (r == null) {
            synchronized (LOCK) {
                r = resources;
                if (r == null) {
                    r = start();
                    resources = r;
                }
            }
        }
        return r;
    }

    private static Resources start() {
        String serverUrl = System.getenv("SWITCHBOARD_TEST_DATABASE_URL");
        String redisUrl = System.getenv("SWITCHBOARD_TEST_REDIS_URL");
        if (serverUrl == null && redisUrl == null && dockerAnswers()) {
            PostgreSQLContainer pg = new PostgreSQLContainer("postgres:15-alpine");
            pg.start();
            GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            redis.start();
            serverUrl = "postgresql://" + pg.getUsername() + ":" + pg.getPassword() + "@" + pg.getHost() + ":"
                    + pg.getMappedPort(5432) + "/" + pg.getDatabaseName();
            redisUrl = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
        }
        if (serverUrl == null) {
            serverUrl = "postgresql://postgres@127.0.0.1:5432/postgres";
        }
        if (redisUrl == null) {
            redisUrl = "redis://127.0.0.1:6379";
        }
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        Server server = Server.parse(serverUrl);
        String database = "sbtest_" + token;
        server.execute("CREATE DATABASE " + database);
        Resources r = new Resources(server.withDatabase(database), redisUrl, "sbtest:" + token + ":");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(server, database, r), "test-infra-cleanup"));
        return r;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void cleanUp(Server server, String database, Resources r) {
        try {
            server.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("test database " + database + " was not dropped: " + e.getMessage());
        }
        RedisClient client = RedisClient.create(r.redisUrl);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(r.redisPrefix + "*").limit(500));
                List<String> keys = page.getKeys();
                if (!keys.isEmpty()) {
                    c.sync().del(keys.toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RuntimeException e) {
            System.err.println("test redis prefix " + r.redisPrefix + " was not cleared: " + e.getMessage());
        } finally {
            client.shutdown();
        }
    }

    private record Resources(String databaseUrl, String redisUrl, String redisPrefix) {
    }

    /** A PostgreSQL server reached over JDBC, for creating and dropping test databases. */
    private record Server(String host, int port, String user, String password) {

        static Server parse(String url) {
            java.net.URI uri = java.net.URI.create(url);
            String user = "postgres";
            String password = "";
            if (uri.getUserInfo() != null) {
                String[] parts = uri.getUserInfo().split(":", 2);
                user = parts[0];
                password = parts.length > 1 ? parts[1] : "";
            }
            return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
        }

        String withDatabase(String database) {
            String credentials = password.isEmpty() ? user : user + ":" + password;
            return "postgresql://" + credentials + "@" + host + ":" + port + "/" + database;
        }

        void execute(String sql) {
            try (Connection c = DriverManager.getConnection(
                    "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
                 Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }
    }
}
