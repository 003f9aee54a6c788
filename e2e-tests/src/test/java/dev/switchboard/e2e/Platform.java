package dev.switchboard.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.switchboard.testing.TestInfrastructure;

/**
 * The whole platform as an operator starts it: {@code deploy/local/run --detach} from the packaged
 * jars, three processes, against this test run's own database and Redis prefix, with tokens and
 * ports chosen here so the test can reach the internal APIs to check the books.
 */
final class Platform implements AutoCloseable {

    final Path root;
    final Path home;
    final int port = freePort();
    final int billingPort = freePort();
    final int catalogPort = freePort();
    final String adminToken = "admin-" + UUID.randomUUID();
    final String internalToken = "internal-" + UUID.randomUUID();
    private final Map<String, String> env = new HashMap<>();

    Platform(Map<String, String> extraEnv) throws IOException {
        this.root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
        this.home = Files.createTempDirectory("switchboard-e2e-");
        env.put("SWITCHBOARD_HOME", home.toString());
        env.put("SWITCHBOARD_PORT", Integer.toString(port));
        env.put("SWITCHBOARD_BILLING_PORT", Integer.toString(billingPort));
        env.put("SWITCHBOARD_CATALOG_PORT", Integer.toString(catalogPort));
        env.put("SWITCHBOARD_ADMIN_TOKEN", adminToken);
        env.put("SWITCHBOARD_INTERNAL_TOKEN", internalToken);
        env.put("DATABASE_URL", TestInfrastructure.databaseUrl());
        env.put("REDIS_URL", TestInfrastructure.redisUrl());
        env.put("SWITCHBOARD_REDIS_PREFIX", TestInfrastructure.redisPrefix());
        env.put("SWITCHBOARD_SIM_TOKENINTERVAL", "2ms");
        env.put("SWITCHBOARD_SIM_FIRSTTOKENDELAY", "20ms");
        // The machine the tests run on may be shared and busy: give the three JVMs time to start.
        env.put("SWITCHBOARD_STARTUP_TIMEOUT_S", "280");
        // Stripe Checkout sends the browser back to this launch's web app, in the default's hash-route form
        env.put("SWITCHBOARD_STRIPE_SUCCESSURL", url() + "/#/credits?purchase=success");
        env.put("SWITCHBOARD_STRIPE_CANCELURL", url() + "/#/credits?purchase=cancelled");
        env.putAll(extraEnv);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String billingUrl() {
        return "http://127.0.0.1:" + billingPort;
    }

    String catalogUrl() {
        return "http://127.0.0.1:" + catalogPort;
    }

    void start() throws IOException, InterruptedException {
        int exit = run(root.resolve("deploy/local/run").toString(), "--detach");
        if (exit != 0) {
            throw new IllegalStateException("deploy/local/run --detach failed with " + exit + "; logs under " + home);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(root.resolve("deploy/local/stop").toString());
    }

    private int run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("launcher.out").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        // The launcher's own start timeout (SWITCHBOARD_STARTUP_TIMEOUT_S, raised on busy machines) plus building time.
        long timeoutS = Long.parseLong(env.getOrDefault("SWITCHBOARD_STARTUP_TIMEOUT_S",
                System.getenv().getOrDefault("SWITCHBOARD_STARTUP_TIMEOUT_S", "120"))) + 60;
        if (!process.waitFor(timeoutS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command[0] + " did not finish in " + timeoutS + " s; see " + home.resolve("launcher.out"));
        }
        System.out.println(Files.readString(home.resolve("launcher.out")));
        return process.exitValue();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
