package io.busbridge.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bridge as users run it: {@code java -jar target/busbridge.jar} in its own JVM, on free loopback ports,
 * publishing to the campaign's emulator. Reads the process's thread count and RSS from /proc.
 */
final class BridgeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private BridgeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the bridge and waits until POST /v1/events has a route (GET answers 405). */
    static BridgeProcess start(String connectionString, List<String> jvmOptions, Path log) throws IOException,
            InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "target/busbridge.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SERVICEBUS_CONNECTION_STRING", connectionString);
        builder.environment().put("BUSBRIDGE_HTTP_HOST", "127.0.0.1");
        builder.environment().put("BUSBRIDGE_HTTP_PORT", String.valueOf(port));
        builder.environment().put("BUSBRIDGE_MANAGEMENT_HOST", "127.0.0.1");
        builder.environment().put("BUSBRIDGE_MANAGEMENT_PORT", String.valueOf(freePort()));
        BridgeProcess bridge = new BridgeProcess(builder.start(), log, port);
        bridge.awaitReady();
        return bridge;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("bridge exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 405) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("bridge not ready within 120 s; see " + log);
    }

    int port() {
        return port;
    }

    boolean alive() {
        return process.isAlive();
    }

    int threads() {
        return (int) statusField("Threads:");
    }

    /** Thread names (as the kernel keeps them, 15 characters) with their counts, to name what a leak is. */
    java.util.Map<String, Integer> threadNames() {
        java.util.Map<String, Integer> names = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            tasks.forEach(task -> {
                try {
                    names.merge(Files.readString(task.resolve("comm")).trim().replaceAll("\\d+$", "#"), 1, Integer::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return names;
        }
        return names;
    }

    long rssKb() {
        return statusField("VmRSS:");
    }

    boolean logContains(String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as a container runtime stops it; returns the exit code, or -1 if it had to be killed. */
    int terminate(Duration patience) throws InterruptedException {
        process.destroy();
        if (process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate(Duration.ofSeconds(30));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Established (or half-closed, not yet released) TCP connections to {@code port} on this host. */
    static int connectionsTo(int port) {
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[2].contains(":") && !f[0].equals("sl")) {
                        int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                        boolean held = f[3].equals("01") || f[3].equals("08"); // ESTABLISHED, CLOSE_WAIT
                        if (remotePort == port && held) {
                            count++;
                        }
                    }
                }
            } catch (IOException e) {
                // no IPv6 table on this host
            }
        }
        return count;
    }
}
