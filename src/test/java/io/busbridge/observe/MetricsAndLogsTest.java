package io.busbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.busbridge.emulator.EmulatorExtension;
import io.busbridge.fixture.CapturedLogs;
import io.busbridge.it.RunningBridge;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every busbridge metric is scraped and moves with traffic; the access log line carries the trace the message got. */
class MetricsAndLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static EmulatorExtension emulator = EmulatorExtension.withConfig("src/test/resources/observe/servicebus-emulator.json");

    @RegisterExtension
    @Order(2)
    static RunningBridge bridge = RunningBridge.withConnectionString(emulator::connectionString)
            .with("busbridge.deadletter.monitor-interval", "300ms")
            .with("busbridge.deadletter.watched-entities", "orders-express");

    @Test
    void metricsArePresentAndMoveWithTraffic() throws Exception {
        double requests = Observe.metric(bridge, "busbridge_http_requests_total{route=\"ingress\",status=\"202\"}");
        double published = Observe.metric(bridge, "busbridge_published_total{entity=\"orders-express\"}");
        double timed = Observe.metric(bridge, "busbridge_publish_seconds_count{entity=\"orders-express\"}");

        assertThat(postOrder("ord-m1", Map.of()).statusCode()).isEqualTo(202);
        assertThat(bridge.post("/v1/events", "{\"type\":\"unknown.kind\"}").statusCode()).isEqualTo(422);
        emulator.emulator().faults().rejectNextSends("orders-express", 1); // a failed attempt, retried in the deadline
        assertThat(postOrder("ord-m2", Map.of()).statusCode()).isEqualTo(202);

        assertThat(Observe.metric(bridge, "busbridge_http_requests_total{route=\"ingress\",status=\"202\"}"))
                .isEqualTo(requests + 2);
        assertThat(Observe.metric(bridge, "busbridge_http_requests_total{route=\"ingress\",status=\"422\"}")).isPositive();
        assertThat(Observe.metric(bridge, "busbridge_published_total{entity=\"orders-express\"}")).isEqualTo(published + 2);
        assertThat(Observe.metric(bridge, "busbridge_publish_seconds_count{entity=\"orders-express\"}")).isEqualTo(timed + 2);
        assertThat(Observe.metric(bridge, "busbridge_publish_failures_total{entity=\"orders-express\"")).isPositive();
        String scrape = Observe.get(bridge, "/metrics").body();
        assertThat(scrape).contains("busbridge_publish_seconds_bucket{entity=\"orders-express\",le=",
                "busbridge_inflight ", "busbridge_token_expiry_seconds ", "busbridge_route_reload_failures_total ");
        // Camel's route metrics for the HTTP route; not for the hops every request makes after it
        assertThat(scrape.lines().filter(line -> line.startsWith("camel_exchanges_total{")))
                .anyMatch(line -> line.contains("routeId=\"ingress\""))
                .noneMatch(line -> line.contains("routeId=\"publish\"") || line.contains("routeId=\"dispatch-orders\""));

        // a dead-lettered message shows in the depth and reason gauges
        try (ServiceBusReceiverClient receiver = emulator.client().receiver().queueName("orders-express")
                .disableAutoComplete().buildClient()) {
            var messages = receiver.receiveMessages(2, Duration.ofSeconds(10)).iterator();
            receiver.deadLetter(messages.next(), new DeadLetterOptions().setDeadLetterReason("test-reason"));
            messages.forEachRemaining(receiver::complete); // leave the queue empty for the other test
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Observe.metric(bridge, "busbridge_deadletter_messages{entity=\"orders-express\"}") == 1.0);
        assertThat(Observe.metric(bridge,
                "busbridge_deadletter_reasons{entity=\"orders-express\",reason=\"test-reason\"}")).isEqualTo(1.0);
    }

    @Test
    void accessLogCarriesTheTraceIdThatReachedTheMessage() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parent = "00f067aa0ba902b7";
        try (CapturedLogs logs = new CapturedLogs()) {
            assertThat(postOrder("ord-t1", Map.of("traceparent", "00-" + traceId + "-" + parent + "-01")).statusCode())
                    .isEqualTo(202);
            assertThat(postOrder("ord-t2", Map.of("X-Amzn-Trace-Id",
                    "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")).statusCode()).isEqualTo(202);

            Map<String, ServiceBusReceivedMessage> received = receive("orders-express", 2);
            String traceparent = (String) received.get("ord-t1").getApplicationProperties().get("traceparent");
            assertThat(traceparent).startsWith("00-" + traceId + "-").doesNotContain(parent).endsWith("-01");
            assertThat(received.get("ord-t1").getApplicationProperties()).containsEntry("Diagnostic-Id", traceparent);
            assertThat((String) received.get("ord-t2").getApplicationProperties().get("traceparent"))
                    .startsWith("00-5759e988bd862e3fe1be46a994272793-");

            JsonNode line = accessLine(logs, "ord-t1");
            assertThat(line.path("traceId").asText()).isEqualTo(traceId);
            assertThat(line.path("status").asText()).isEqualTo("202");
            assertThat(line.path("route").asText()).isEqualTo("ingress");
            assertThat(line.path("method").asText()).isEqualTo("POST");
            assertThat(line.path("path").asText()).isEqualTo("/v1/events");
            assertThat(line.path("destination").asText()).as(line.toString()).isEqualTo("orders-express");
            assertThat(line.path("requestId").asText()).isNotBlank();
            assertThat(line.path("latencyMs").asText()).isNotBlank();
            assertThat(accessLine(logs, "ord-t2").path("traceId").asText()).isEqualTo("5759e988bd862e3fe1be46a994272793");
            assertThat(String.join("\n", logs.lines())).doesNotContain("SharedAccessKey=");
        }
    }

    private static JsonNode accessLine(CapturedLogs logs, String messageId) throws Exception {
        for (String line : logs.lines()) {
            JsonNode json = JSON.readTree(line);
            if ("io.busbridge.access".equals(json.path("logger").asText())
                    && messageId.equals(json.path("messageId").asText())) {
                return json;
            }
        }
        throw new AssertionError("no access line for " + messageId + " in " + logs.lines());
    }

    private static Map<String, ServiceBusReceivedMessage> receive(String queue, int count) {
        Map<String, ServiceBusReceivedMessage> byId = new HashMap<>();
        try (ServiceBusReceiverClient receiver = emulator.client().receiver().queueName(queue).buildClient()) {
            while (byId.size() < count) {
                receiver.receiveMessages(count, Duration.ofSeconds(10)).forEach(m -> byId.put(m.getMessageId(), m));
            }
        }
        return byId;
    }

    private static java.net.http.HttpResponse<String> postOrder(String orderId, Map<String, String> headers) {
        String order = """
                {"type":"order.created","orderId":"%s","customerId":"c-1","priority":"high",\
                "items":[{"sku":"a","quantity":1}]}""".formatted(orderId);
        String[] flat = headers.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
        return bridge.post("/v1/events", order, flat);
    }
}
