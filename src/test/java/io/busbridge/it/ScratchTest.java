package io.busbridge.it;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScratchTest {
    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.withConnectionString(
            () -> "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0;UseDevelopmentEmulator=true")
            .with("busbridge.publish.deadline", "2s");

    @Test
    void scratch() {
        show(BRIDGE.post("/v1/events", "{\"type\":\"order.created\",\"orderId\":\"o1\",\"customerId\":\"c1\",\"items\":[{\"sku\":\"a\",\"quantity\":1}]}", "Authorization", "Bearer x"));
        show(BRIDGE.post("/v1/events", "{\"type\":\"order.created\"}"));
        show(BRIDGE.post("/v1/events", "{\"type\":"));
        show(BRIDGE.post("/v1/events", "{\"type\":\"foo\"}"));
        show(BRIDGE.post("/v1/events", "{\"type\":\"foo\"}", "Content-Type", "text/plain"));
        show(BRIDGE.post("/v1/events", "{\"type\":\"foo\"}", "Idempotency-Key", "ä"));
        show(BRIDGE.post("/nope", "{}"));
        show(BRIDGE.post("/v1/events", "x".repeat(300000)));
        show(BRIDGE.send(java.net.http.HttpRequest.newBuilder(BRIDGE.uri("/v1/events")).GET().build()));
    }

    static void show(HttpResponse<String> r) {
        System.out.println("### " + r.statusCode() + " " + r.headers().map() + "\n" + r.body());
    }
}
