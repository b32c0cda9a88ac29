package io.busbridge.observe;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.busbridge.Application;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/** The real application started in-process on free ports, with property overrides; HTTP helpers for tests. */
final class RunningBridge implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Main main;
    final int port;

    private RunningBridge(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    static RunningBridge start(Map<String, String> properties) throws Exception {
        int port = freePort();
        Main main = new Main(Application.class);
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.addOverrideProperty("camel.management.port", Integer.toString(port));
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.management.enabled", "true");
        main.addOverrideProperty("camel.management.host", "127.0.0.1");
        main.addOverrideProperty("camel.management.health-check-enabled", "true");
        main.addOverrideProperty("camel.management.metrics-enabled", "true");
        main.addOverrideProperty("camel.metrics.enabled", "true");
        main.addOverrideProperty("camel.health.exposure-level", "full");
        properties.forEach(main::addOverrideProperty);
        main.start();
        return new RunningBridge(main, port);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        main.stop();
    }
}
