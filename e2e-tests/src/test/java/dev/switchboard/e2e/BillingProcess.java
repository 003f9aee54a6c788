package dev.switchboard.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * billing-service as the launcher started it, killed with SIGKILL (no shutdown hook, no graceful
 * drain: a crash) and started again with the very command line, environment and working directory
 * the launcher gave it, read from {@code /proc}. The new pid goes into the launcher's pid file, so
 * {@code deploy/local/stop} stops it as usual.
 */
final class BillingProcess {

    private final Platform platform;
    private final Path pidFile;

    BillingProcess(Platform platform) {
        this.platform = platform;
        this.pidFile = platform.home.resolve("run/billing-service.pid");
    }

    /** Kills the running billing-service and returns what it takes to start it again. */
    Launch kill() throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Path proc = Path.of("/proc", Long.toString(pid));
        List<String> command = split(Files.readAllBytes(proc.resolve("cmdline")));
        Map<String, String> env = new HashMap<>();
        for (String entry : split(Files.readAllBytes(proc.resolve("environ")))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().get(30, TimeUnit.SECONDS);
        return new Launch(command, env, cwd);
    }

    /** Starts billing-service again and waits until it is healthy. */
    void restart(Launch launch) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(launch.cwd().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(platform.home.resolve("logs/billing-service.log").toFile()));
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        Process process = builder.start();
        Files.writeString(pidFile, process.pid() + "\n");
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                        URI.create(platform.billingUrl() + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                return health.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    record Launch(List<String> command, Map<String, String> env, Path cwd) {
    }

    private static List<String> split(byte[] nulSeparated) {
        return Arrays.stream(new String(nulSeparated, StandardCharsets.UTF_8).split("\0"))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
