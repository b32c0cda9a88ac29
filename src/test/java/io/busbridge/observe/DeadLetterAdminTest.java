package io.busbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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

/**
 * Dead letters (explicit and max-delivery) are listed with their reasons by the admin API and replayed to their
 * source queue with MessageId, SessionId, Subject and properties intact; a subscription's are refused with 409.
 */
class DeadLetterAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "test-admin-token";

    @RegisterExtension
    @Order(1)
    static EmulatorExtension emulator = EmulatorExtension.withConfig("src/test/resources/observe/servicebus-emulator.json");

    @RegisterExtension
    @Order(2)
    static RunningBridge bridge = RunningBridge.withConnectionString(emulator::connectionString)
            .with("busbridge.admin.token", TOKEN)
            .with("busbridge.deadletter.duplicate-detection-window", "1s")
            .with("busbridge.deadletter.replay-rate", "50")
            .with("busbridge.payments.topic", "payments-missing"); // payments are refused for good, so parked

    @Test
    void deadLettersAreListedWithReasonsAndReplayedToTheirSourceIntact() throws Exception {
        assertThat(postOrder("ord-d1", "cust-9", "normal").statusCode()).isEqualTo(202);
        assertThat(postOrder("ord-d2", "cust-8", "high").statusCode()).isEqualTo(202);
        ServiceBusReceivedMessage original = deadLetterExplicitly();
        exceedMaxDelivery();

        assertThat(admin("GET", "/deadletters/orders", null, null).statusCode()).isEqualTo(401);
        JsonNode orders = JSON.readTree(admin("GET", "/deadletters/orders", null, TOKEN).body());
        JsonNode listed = orders.path("deadLetters").get(0);
        assertThat(listed.path("messageId").asText()).isEqualTo("ord-d1");
        assertThat(listed.path("reason").asText()).isEqualTo("validation-failed");
        assertThat(listed.path("description").asText()).isEqualTo("sku unknown to the warehouse");
        assertThat(listed.path("enqueuedTime").asText()).isNotBlank();
        assertThat(listed.path("sessionId").asText()).isEqualTo("cust-9");
        JsonNode express = JSON.readTree(admin("GET", "/deadletters/orders-express", null, TOKEN).body());
        assertThat(express.path("deadLetters").get(0).path("messageId").asText()).isEqualTo("ord-d2");
        assertThat(express.path("deadLetters").get(0).path("reason").asText()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(express.path("deadLetters").get(0).path("deliveryCount").asLong()).isGreaterThanOrEqualTo(2);

        try (CapturedLogs logs = new CapturedLogs()) {
            // younger than the duplicate detection window the copy would be dropped: kept until it is older
            await().atMost(Duration.ofSeconds(20)).until(() -> replayed("orders", "{\"messageIds\":[\"ord-d1\"]}") == 1);
            assertThat(logs.lines()).anyMatch(l -> l.contains("io.busbridge.audit") && l.contains("ord-d1")
                    && l.contains("\"outcome\":\"replayed\""));
        }
        ServiceBusReceivedMessage replayed = receiveFromSession("orders", "cust-9");
        assertThat(replayed.getMessageId()).isEqualTo("ord-d1");
        assertThat(replayed.getSessionId()).isEqualTo("cust-9");
        assertThat(replayed.getSubject()).isEqualTo(original.getSubject()).isEqualTo("order.created");
        assertThat(replayed.getCorrelationId()).isEqualTo(original.getCorrelationId());
        assertThat(replayed.getContentType()).isEqualTo("application/json");
        assertThat(replayed.getBody().toString()).isEqualTo(original.getBody().toString());
        assertThat(replayed.getApplicationProperties()).isEqualTo(original.getApplicationProperties())
                .containsKey("traceparent").doesNotContainKey("DeadLetterReason");
        assertThat(JSON.readTree(admin("GET", "/deadletters/orders", null, TOKEN).body()).path("deadLetters")).isEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> replayed("orders-express", "{\"all\":true}") == 1);
        try (ServiceBusReceiverClient receiver = emulator.client().receiver().queueName("orders-express").buildClient()) {
            assertThat(receiver.receiveMessages(1, Duration.ofSeconds(10)).iterator().next().getMessageId())
                    .isEqualTo("ord-d2");
        }
    }

    @Test
    void subscriptionDeadLettersAreRefusedNotFannedOut() throws Exception {
        HttpResponse<String> refused = admin("POST", "/deadletters/payments/subscriptions/ledger/replay", "{\"all\":true}",
                TOKEN);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("every subscription");
        assertThat(admin("POST", "/deadletters/orders/replay", "{}", TOKEN).statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/deadletters/orders?max=lots", null, TOKEN).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = admin("GET", "/deadletters/no-such-queue", null, TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no-such-queue").doesNotContain("at com.");
    }

    @Test
    void parkedMessagesAreListedAndAFailedReplayKeepsThem() throws Exception {
        HttpResponse<String> parked = bridge.post("/v1/events", """
                {"type":"payment.captured","paymentId":"pay-p1","orderId":"ord-1","amount":12.5,"currency":"EUR"}""");
        assertThat(parked.statusCode()).isEqualTo(502);

        JsonNode listed = JSON.readTree(admin("GET", "/deadletters/busbridge-deadletter", null, TOKEN).body())
                .path("deadLetters").get(0);
        assertThat(listed.path("messageId").asText()).isEqualTo("pay-p1");
        assertThat(listed.path("reason").asText()).isEqualTo("MESSAGING_ENTITY_NOT_FOUND");
        assertThat(listed.path("description").asText()).isEqualTo("refused by payments-missing");

        // the refusing entity still does not exist: the send fails and the parked message stays
        HttpResponse<String> failed = admin("POST", "/deadletters/busbridge-deadletter/replay",
                "{\"messageIds\":[\"pay-p1\"]}", TOKEN);
        assertThat(failed.statusCode()).isEqualTo(409);
        assertThat(failed.body()).contains("replay-target-missing");
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(
                admin("GET", "/deadletters/busbridge-deadletter", null, TOKEN).body()).path("deadLetters")
                .findValuesAsText("messageId").contains("pay-p1"));
    }

    private static int replayed(String entity, String selection) throws Exception {
        HttpResponse<String> response = admin("POST", "/deadletters/" + entity + "/replay", selection, TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("replayed").asInt();
    }

    private static ServiceBusReceivedMessage deadLetterExplicitly() {
        try (ServiceBusReceiverClient session = emulator.client().sessionReceiver().queueName("orders")
                .disableAutoComplete().buildClient().acceptSession("cust-9")) {
            ServiceBusReceivedMessage message = session.receiveMessages(1, Duration.ofSeconds(10)).iterator().next();
            session.deadLetter(message, new DeadLetterOptions().setDeadLetterReason("validation-failed")
                    .setDeadLetterErrorDescription("sku unknown to the warehouse"));
            return message;
        }
    }

    private static void exceedMaxDelivery() {
        try (ServiceBusReceiverClient receiver = emulator.client().receiver().queueName("orders-express")
                .disableAutoComplete().buildClient()) {
            for (int delivery = 0; delivery < 2; delivery++) {
                receiver.abandon(receiver.receiveMessages(1, Duration.ofSeconds(10)).iterator().next());
            }
        }
    }

    private static ServiceBusReceivedMessage receiveFromSession(String queue, String sessionId) {
        try (ServiceBusReceiverClient session = emulator.client().sessionReceiver().queueName(queue).buildClient()
                .acceptSession(sessionId)) {
            return session.receiveMessages(1, Duration.ofSeconds(10)).iterator().next();
        }
    }

    private static HttpResponse<String> admin(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Observe.uri(bridge, "/admin" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return bridge.send(request.build());
    }

    private static HttpResponse<String> postOrder(String orderId, String customerId, String priority) {
        return bridge.post("/v1/events", """
                {"type":"order.created","orderId":"%s","customerId":"%s","priority":"%s","items":[{"sku":"x","quantity":3}]}"""
                .formatted(orderId, customerId, priority));
    }
}
