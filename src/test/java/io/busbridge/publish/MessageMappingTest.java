package io.busbridge.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.busbridge.http.RequestRejectedException;

class MessageMappingTest {

    private static final String ORDER = "{\"type\":\"order.created\",\"orderId\":\"ord-1\",\"customerId\":\"cust-42\","
            + "\"priority\":\"high\",\"total\":39.9,\"items\":[{\"sku\":\"b\",\"quantity\":2}]}";
    private static final MessageHeaders NO_HEADERS = new MessageHeaders(null, "req-1", null, null, null, null, null);

    private final MessageMapping mapping = new MessageMapping();

    @Test
    void mapsEveryFieldFromHeadersAndPayload() throws Exception {
        MessageHeaders headers = new MessageHeaders("idem-1", "corr-1", Duration.ofMinutes(5),
                OffsetDateTime.parse("2030-01-01T00:00:00Z"), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "Root=1-abc", new MessageHeaders.CallerIdentity("user-42", "gateway-client"));
        Outbound out = mapping.toOutbound(bytes(ORDER), json(ORDER), headers, "orders", "queue", "customerId",
                "orderId", "priority, total");

        ServiceBusMessage message = out.message();
        assertThat(out.target()).isEqualTo(new Target("orders", EntityType.QUEUE, "customerId", "orderId",
                java.util.List.of("priority", "total")));
        assertThat(message.getBody().toBytes()).isEqualTo(bytes(ORDER));
        assertThat(message.getContentType()).isEqualTo("application/json");
        assertThat(message.getMessageId()).isEqualTo("idem-1");
        assertThat(message.getSubject()).isEqualTo("order.created");
        assertThat(message.getSessionId()).isEqualTo("cust-42");
        assertThat(message.getCorrelationId()).isEqualTo("corr-1");
        assertThat(message.getTimeToLive()).isEqualTo(Duration.ofMinutes(5));
        assertThat(message.getScheduledEnqueueTime()).isEqualTo(OffsetDateTime.parse("2030-01-01T00:00:00Z"));
        assertThat(message.getApplicationProperties()).isEqualTo(Map.of(
                "traceparent", headers.traceparent(),
                "Diagnostic-Id", headers.traceparent(),
                "x-amzn-trace-id", "Root=1-abc",
                "caller-sub", "user-42",
                "caller-client-id", "gateway-client",
                "priority", "high",
                "total", 39.9));
    }

    @Test
    void messageIdFallsBackToTheIdFieldThenToARandomId() throws Exception {
        Target byField = new Target("orders", EntityType.QUEUE, null, "orderId", java.util.List.of());
        Target none = new Target("orders", EntityType.QUEUE, null, null, java.util.List.of());
        assertThat(mapping.toMessage(bytes(ORDER), json(ORDER), NO_HEADERS, byField).getMessageId()).isEqualTo("ord-1");
        assertThat(mapping.toMessage(bytes(ORDER), json(ORDER), NO_HEADERS, none).getMessageId()).hasSize(36);
    }

    @Test
    void numbersArePromotedAsNumbers() throws Exception {
        String payment = "{\"type\":\"payment.captured\",\"amount\":1500,\"currency\":\"EUR\"}";
        Target topic = new Target("payments", EntityType.TOPIC, null, null, java.util.List.of("amount", "currency", "absent"));
        assertThat(mapping.toMessage(bytes(payment), json(payment), NO_HEADERS, topic).getApplicationProperties())
                .isEqualTo(Map.of("amount", 1500L, "currency", "EUR"));
    }

    @Test
    void missingSessionFieldIsRefusedBeforeSending() throws Exception {
        String order = "{\"type\":\"order.created\"}";
        Target sessions = new Target("orders", EntityType.QUEUE, "customerId", null, java.util.List.of());
        assertThatThrownBy(() -> mapping.toMessage(bytes(order), json(order), NO_HEADERS, sessions))
                .isInstanceOf(RequestRejectedException.class).hasMessageContaining("customerId");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
