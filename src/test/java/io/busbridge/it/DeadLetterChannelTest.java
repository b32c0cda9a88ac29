package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A destination that refuses a message for good: the message is parked in busbridge-deadletter with
 * its reason, and the answer says so; if it cannot be parked either, the caller must retry (503).
 * The payments topic is pointed at an entity that does not exist, and the HTTP body limit is set
 * above what Service Bus takes.
 */
class DeadLetterChannelTest {

    private static final String PAYMENT = Examples.of("payment.schema.json").get(0);
    private static final String ORDER = Examples.of("order.schema.json").get(1);

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("busbridge.payments.topic", "payments-missing")
            .with("busbridge.publish.deadline", "3s")
            .with("busbridge.http.max-body-bytes", "400000");

    private final Inbox inbox = BRIDGE.inbox();

    @Test
    void missingEntityParksTheMessageWithItsReasonAndTheAnswerNamesIt() {
        HttpResponse<String> response = BRIDGE.post("/v1/events", PAYMENT,
                "Idempotency-Key", "idem-parked", "X-Correlation-Id", "corr-parked", "Authorization", "Bearer secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Examples.json(response.body());
        assertThat(problem.get("type").asText()).endsWith("/message-parked");
        assertThat(problem.get("reason").asText()).isEqualTo("MESSAGING_ENTITY_NOT_FOUND");
        assertThat(problem.get("parkedIn").asText()).isEqualTo("busbridge-deadletter");
        assertThat(problem.get("parkedMessageId").asText()).isEqualTo("idem-parked");
        assertThat(problem.get("detail").asText()).contains("payments-missing", "MESSAGING_ENTITY_NOT_FOUND");

        List<ServiceBusReceivedMessage> parked = inbox.queue("busbridge-deadletter", 2);
        assertThat(parked).hasSize(1);
        ServiceBusReceivedMessage message = parked.get(0);
        assertThat(message.getMessageId()).isEqualTo("idem-parked");
        assertThat(message.getBody().toBytes()).isEqualTo(PAYMENT.getBytes(StandardCharsets.UTF_8));
        assertThat(message.getCorrelationId()).isEqualTo("corr-parked");
        assertThat(message.getSubject()).isEqualTo("payment.captured");
        assertThat(message.getApplicationProperties())
                .containsEntry("busbridge-deadletter-reason", "MESSAGING_ENTITY_NOT_FOUND")
                .containsEntry("busbridge-deadletter-destination", "payments-missing")
                .containsEntry("amount", 39.9)
                .containsKey("busbridge-deadletter-time")
                .doesNotContainKey("Authorization");
    }

    @Test
    void messageThatCannotBeParkedIsA503() {
        BRIDGE.emulator().faults().rejectNextSends("busbridge-deadletter", 1_000);
        try {
            HttpResponse<String> response = BRIDGE.post("/v1/events", PAYMENT, "Idempotency-Key", "idem-unparkable");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(BRIDGE.emulator().stats("busbridge-deadletter").activeMessageCount()).isZero();
        } finally {
            BRIDGE.emulator().faults().reset();
        }
    }

    @Test
    void messageTooLargeForServiceBusIsA422AndNotParked() {
        String filler = "x".repeat(60_000);
        String large = ORDER.replace("\"total\"", "\"a\":\"" + filler + "\",\"b\":\"" + filler + "\",\"c\":\""
                + filler + "\",\"d\":\"" + filler + "\",\"e\":\"" + filler + "\",\"total\"");

        HttpResponse<String> response = BRIDGE.post("/v1/events", large);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = Examples.json(response.body());
        assertThat(problem.get("type").asText()).endsWith("/message-refused");
        assertThat(problem.get("reason").asText()).isEqualTo("MESSAGE_SIZE_EXCEEDED");
        assertThat(BRIDGE.activeMessages()).allSatisfy((entity, count) -> assertThat(count).as(entity).isZero());
    }
}
