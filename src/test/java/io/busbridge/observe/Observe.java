package io.busbridge.observe;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.busbridge.it.RunningBridge;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

/** Test helpers for the management port of a {@link RunningBridge}. */
final class Observe {

    private Observe() {
    }

    static URI uri(RunningBridge bridge, String path) {
        int port = bridge.camelContext().hasService(ManagementHttpServer.class).getPort();
        return URI.create("http://127.0.0.1:" + port + "/observe" + path);
    }

    static HttpResponse<String> get(RunningBridge bridge, String path) {
        return bridge.send(HttpRequest.newBuilder(uri(bridge, path)).GET().build());
    }

    /** The sum of a Prometheus metric's samples whose line starts with {@code nameAndLabels}; 0 when absent. */
    static double metric(RunningBridge bridge, String nameAndLabels) {
        return get(bridge, "/metrics").body().lines()
                .filter(line -> line.startsWith(nameAndLabels + " ") || line.startsWith(nameAndLabels + "{")
                        || nameAndLabels.contains("{") && line.startsWith(nameAndLabels.substring(0, nameAndLabels.length() - 1)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
