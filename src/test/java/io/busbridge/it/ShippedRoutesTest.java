package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every shipped route, end to end: HTTP → bridge → real SDK → embedded emulator, and the message
 * taken off the entity with the SDK. Each test leaves every entity empty, which is how "it arrived
 * there and only there" is checked.
 */
class ShippedRoutesTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final List<String> ORDER_EXAMPLES = Examples.of("order.schema.json");
    private static final List<String> PAYMENT_EXAMPLES = Examples.of("payment.schema.json");

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator();

    private final Inbox inbox = BRIDGE.inbox();

    @Test
    void orderGoesToTheOrdersQueueInTheCustomersSessionWithEveryMappedField() {
        String body = ORDER_EXAMPLES.get(0);
        HttpResponse<String> response = BRIDGE.post("/v1/events", body,
                "Idempotency-Key", "idem-order-1",
                "X-Correlation-Id", "corr-1",
                "X-Message-Ttl", "PT30M",
                "traceparent", TRACEPARENT,
                "X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793",
                "Authorization", "Bearer must-never-reach-service-bus",
                "X-Custom", "not mapped");

        assertAccepted(response, "idem-order-1", "orders", "queue");
        List<ServiceBusReceivedMessage> received = inbox.session("orders", "cust-42", 2);
        assertThat(received).hasSize(1);
        ServiceBusReceivedMessage message = received.get(0);
        assertThat(message.getBody().toBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(message.getMessageId()).isEqualTo("idem-order-1");
        assertThat(message.getSubject()).isEqualTo("order.created");
        assertThat(message.getSessionId()).isEqualTo("cust-42");
        assertThat(message.getCorrelationId()).isEqualTo("corr-1");
        assertThat(message.getContentType()).isEqualTo("application/json");
        assertThat(message.getTimeToLive()).isEqualTo(Duration.ofMinutes(30));
        Map<String, Object> properties = message.getApplicationProperties();
        assertThat(properties).containsOnlyKeys("traceparent", "Diagnostic-Id", "x-amzn-trace-id")
                .containsEntry("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793");
        // the caller's trace continues, with the bridge as the parent span
        assertThat((String) properties.get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
        assertThat(properties.get("Diagnostic-Id")).isEqualTo(properties.get("traceparent"));
        assertNothingElseArrived();
    }

    @Test
    void highPriorityOrderGoesToTheExpressQueueWithItsPromotedPriority() {
        String body = ORDER_EXAMPLES.get(1);

        assertAccepted(BRIDGE.post("/v1/events", body), "ord-1002", "orders-express", "queue");
        List<ServiceBusReceivedMessage> received = inbox.queue("orders-express", 2);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getBody().toBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(received.get(0).getMessageId()).isEqualTo("ord-1002");
        assertThat(received.get(0).getApplicationProperties()).containsEntry("priority", "high");
        assertNothingElseArrived();
    }

    @Test
    void paymentGoesToTheLedgerOnlyBelowTheHighValueThreshold() {
        String body = PAYMENT_EXAMPLES.get(0);

        assertAccepted(BRIDGE.post("/v1/events", body), "pay-5001", "payments", "topic");
        List<ServiceBusReceivedMessage> ledger = inbox.subscription("payments", "ledger", 2);
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).getBody().toBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(ledger.get(0).getSubject()).isEqualTo("payment.captured");
        assertThat(ledger.get(0).getApplicationProperties())
                .containsOnlyKeys("amount", "currency", "traceparent", "Diagnostic-Id")
                .containsEntry("amount", 39.9).containsEntry("currency", "EUR");
        assertNothingElseArrived();
    }

    @Test
    void highValuePaymentReachesBothSubscriptions() {
        String body = PAYMENT_EXAMPLES.get(1);

        assertAccepted(BRIDGE.post("/v1/events", body), "pay-5002", "payments", "topic");
        assertThat(inbox.subscription("payments", "ledger", 2)).hasSize(1);
        List<ServiceBusReceivedMessage> highValue = inbox.subscription("payments", "high-value", 2);
        assertThat(highValue).hasSize(1);
        assertThat(highValue.get(0).getApplicationProperties()).containsEntry("amount", 1899L);
        assertNothingElseArrived();
    }

    @Test
    void scheduledEnqueueTimeIsMapped() {
        HttpResponse<String> response = BRIDGE.post("/v1/events", ORDER_EXAMPLES.get(1),
                "Idempotency-Key", "idem-scheduled", "X-Scheduled-Enqueue-Time", "2099-01-01T00:00:00Z");

        assertAccepted(response, "idem-scheduled", "orders-express", "queue");
        assertThat(BRIDGE.emulator().stats("orders-express").scheduledMessageCount()).isEqualTo(1);
        assertThat(inbox.peek("orders-express", 5)).singleElement().satisfies(scheduled -> {
            assertThat(scheduled.getMessageId()).isEqualTo("idem-scheduled");
            assertThat(scheduled.getScheduledEnqueueTime()).isEqualTo(OffsetDateTime.parse("2099-01-01T00:00:00Z"));
        });
    }

    @Test
    void sameIdempotencyKeyThreeTimesIsOneMessage() {
        for (int i = 0; i < 3; i++) {
            assertAccepted(BRIDGE.post("/v1/events", ORDER_EXAMPLES.get(0), "Idempotency-Key", "idem-repeat"),
                    "idem-repeat", "orders", "queue");
        }
        assertThat(inbox.session("orders", "cust-42", 3)).extracting(ServiceBusReceivedMessage::getMessageId)
                .containsExactly("idem-repeat");
        assertNothingElseArrived();
    }

    private static void assertAccepted(HttpResponse<String> response, String messageId, String destination, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().map()).doesNotContainKeys("authorization", "idempotency-key", "x-custom");
        JsonNode json = Examples.json(response.body());
        assertThat(json.get("messageId").asText()).isEqualTo(messageId);
        assertThat(json.get("destination").asText()).isEqualTo(destination);
        assertThat(json.get("entityType").asText()).isEqualTo(type);
    }

    /** Each test takes what it expects; anything still waiting went somewhere it should not have. */
    private static void assertNothingElseArrived() {
        assertThat(BRIDGE.activeMessages()).allSatisfy((entity, count) -> assertThat(count).as(entity).isZero());
    }
}
