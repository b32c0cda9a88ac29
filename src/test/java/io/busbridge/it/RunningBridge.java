package io.busbridge.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.busbridge.Application;
import io.busbridge.emulator.ServiceBusEmulator;

/**
 * Boots an embedded emulator (config/servicebus-emulator.json) and the real application in-process,
 * once per test class, all on free ports; the bridge publishes to the emulator through the SDK.
 */
public final class RunningBridge implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> ENTITIES = List.of("orders", "orders-express", "payments", "busbridge-deadletter");

    private final Map<String, Supplier<String>> overrides = new LinkedHashMap<>();
    // HTTP/1.1 as API Gateway speaks it; the JDK client's default h2c upgrade left a metrics scrape hanging
    // in the full suite
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final boolean ownEmulator;
    private ServiceBusEmulator emulator;
    private Main main;
    private int port;

    /**
     * A bridge configured only by {@link #with} overrides, publishing to a broker the test runs itself
     * ({@link #emulator()}, {@link #inbox()} and {@link #activeMessages()} are then unavailable).
     */
    public RunningBridge() {
        this(false);
    }

    private RunningBridge(boolean ownEmulator) {
        this.ownEmulator = ownEmulator;
    }

    /** With an emulator of its own (config/servicebus-emulator.json), started before and stopped after the bridge. */
    public static RunningBridge onEmulator() {
        return new RunningBridge(true);
    }

    public static RunningBridge withConnectionString(Supplier<String> connectionString) {
        return new RunningBridge().with("busbridge.servicebus.connection-string", connectionString);
    }

    /** A property override; the value is read when the bridge starts. */
    public RunningBridge with(String key, Supplier<String> value) {
        overrides.put(key, value);
        return this;
    }

    public RunningBridge with(String key, String value) {
        return with(key, () -> value);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = freePort();
        main = Application.create();
        if (ownEmulator) {
            emulator = ServiceBusEmulator.builder().host("127.0.0.1").port(0)
                    .config(Path.of("config/servicebus-emulator.json")).build().start();
            main.addOverrideProperty("busbridge.servicebus.connection-string", emulator.connectionString());
        }
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.addOverrideProperty("camel.management.host", "127.0.0.1");
        main.addOverrideProperty("camel.management.port", String.valueOf(freePort()));
        main.addOverrideProperty("camel.main.jmx-enabled", "false");
        // no load balancer to wait for in tests (GracefulShutdownTest sets its own drain delay)
        main.addOverrideProperty("busbridge.observe.shutdown-drain-delay", "0s");
        overrides.forEach((key, value) -> main.addOverrideProperty(key, value.get()));
        main.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (main != null) {
            main.stop();
            main.shutdown();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    public ServiceBusEmulator emulator() {
        return emulator;
    }

    /** The running application's context, for tests that look at its beans or resolved settings. */
    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** A consumer of the emulator's entities, through the SDK. */
    Inbox inbox() {
        return new Inbox(emulator.connectionString());
    }

    /** Active (receivable) message count of every shipped entity; scheduled messages are not counted. */
    Map<String, Long> activeMessages() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ENTITIES.forEach(entity -> counts.put(entity, emulator.stats(entity).activeMessageCount()));
        return counts;
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return send(postRequest(path, body, headers));
    }

    /** Without a thread per request: for many requests in flight at once. */
    public CompletableFuture<HttpResponse<String>> postAsync(String path, String body, String... headers) {
        return http.sendAsync(postRequest(path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        boolean contentTypeGiven = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            contentTypeGiven |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!contentTypeGiven) {
            request.header("Content-Type", "application/json");
        }
        return request.build();
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
