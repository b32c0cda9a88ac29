package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input gets the right 4xx problem+json, never a 5xx, and nothing reaches Service Bus. */
class RejectedRequestsTest {

    private static final String ORDER = Examples.of("order.schema.json").get(0);

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("busbridge.http.max-body-bytes", "2048");

    @AfterEach
    void nothingWasSent() {
        assertThat(BRIDGE.activeMessages()).allSatisfy((entity, count) -> assertThat(count).as(entity).isZero());
    }

    @Test
    void malformedJson() {
        JsonNode problem = assertProblem(BRIDGE.post("/v1/events", "{\"type\": \"order.created\","), 400, "malformed-json");
        assertThat(problem.get("detail").asText()).contains("line 1");
    }

    @Test
    void schemaViolationListsEveryViolation() {
        String body = "{\"type\":\"order.created\",\"orderId\":\"o-1\",\"items\":[{\"sku\":\"x\",\"quantity\":0}]}";
        JsonNode problem = assertProblem(BRIDGE.post("/v1/events", body), 400, "schema-violation");
        assertThat(problem.get("violations")).hasSize(2);
        assertThat(problem.get("violations").toString()).contains("customerId").contains("quantity");
    }

    @Test
    void wrongContentType() {
        assertProblem(BRIDGE.post("/v1/events", ORDER, "Content-Type", "text/plain"), 415, "unsupported-media-type");
    }

    @Test
    void oversizedBody() {
        String padded = ORDER.replace("\"total\"", "\"note\":\"" + "x".repeat(4096) + "\",\"total\"");
        assertProblem(BRIDGE.post("/v1/events", padded), 413, "payload-too-large");
    }

    @Test
    void idempotencyKeyTooLong() {
        JsonNode problem = assertProblem(BRIDGE.post("/v1/events", ORDER, "Idempotency-Key", "k".repeat(129)),
                400, "invalid-header");
        assertThat(problem.get("detail").asText()).contains("Idempotency-Key");
    }

    @Test
    void invalidTtlHeader() {
        JsonNode problem = assertProblem(BRIDGE.post("/v1/events", ORDER, "X-Message-Ttl", "ten minutes"),
                400, "invalid-header");
        assertThat(problem.get("detail").asText()).contains("X-Message-Ttl");
    }

    /** Past the AMQP header's 32-bit millisecond TTL the SDK cannot encode the message at all. */
    @Test
    void ttlBeyondAmqpLimit() {
        JsonNode problem = assertProblem(BRIDGE.post("/v1/events", ORDER, "X-Message-Ttl", "PT1194H"),
                400, "invalid-header");
        assertThat(problem.get("detail").asText()).contains("X-Message-Ttl").contains("P49D");
    }

    /** A year past 9999 overflows the AMQP timestamp the SDK encodes. */
    @Test
    void scheduledTimeBeyondYear9999() {
        JsonNode problem = assertProblem(
                BRIDGE.post("/v1/events", ORDER, "X-Scheduled-Enqueue-Time", "+999999999-12-31T23:59:59Z"),
                400, "invalid-header");
        assertThat(problem.get("detail").asText()).contains("X-Scheduled-Enqueue-Time");
    }

    /** Forwarded unchanged as application/json, a UTF-16 body would reach consumers that read UTF-8. */
    @Test
    void bodyThatIsNotUtf8() {
        HttpRequest request = HttpRequest.newBuilder(BRIDGE.uri("/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ORDER.getBytes(StandardCharsets.UTF_16LE)))
                .build();
        JsonNode problem = assertProblem(BRIDGE.send(request), 400, "malformed-json");
        assertThat(problem.get("detail").asText()).contains("UTF-8");
    }

    @Test
    void unknownEventType() {
        JsonNode problem = assertProblem(BRIDGE.post("/v1/events", "{\"type\":\"invoice.created\"}"), 422, "no-route");
        assertThat(problem.get("detail").asText()).contains("invoice.created");
    }

    @Test
    void unknownPath() {
        assertProblem(BRIDGE.post("/v2/things", ORDER), 404, "not-found");
    }

    @Test
    void wrongMethod() {
        HttpResponse<String> response = BRIDGE.send(HttpRequest.newBuilder(BRIDGE.uri("/v1/events")).GET().build());
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Examples.json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).endsWith("/" + slug);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }
}
