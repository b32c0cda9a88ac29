package io.busbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.busbridge.publish.MessageHeaders;

class RequestChecksTest {

    private final RequestChecks checks = new RequestChecks();

    @Test
    void keepsOnlyTheMappedHeaders() {
        MessageHeaders headers = checks.check(request(
                "Idempotency-Key", "order-1001-v1",
                "X-Correlation-Id", "corr-9",
                "X-Message-Ttl", "PT10M",
                "X-Scheduled-Enqueue-Time", "2030-01-01T12:00:00+01:00",
                "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793",
                "caller-sub", "user-42",
                "caller-client-id", "gateway-client",
                "Authorization", "Bearer secret"), "request-1");

        assertThat(headers).isEqualTo(new MessageHeaders("order-1001-v1", "corr-9", Duration.ofMinutes(10),
                OffsetDateTime.parse("2030-01-01T12:00:00+01:00"),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "Root=1-5759e988-bd862e3fe1be46a994272793",
                new MessageHeaders.CallerIdentity("user-42", "gateway-client")));
    }

    @Test
    void correlationIdFallsBackToTheRequestId() {
        assertThat(checks.check(request(), "request-1").correlationId()).isEqualTo("request-1");
    }

    @ParameterizedTest
    @CsvSource({
        "Idempotency-Key, ' leading-space'",
        "Idempotency-Key, tab\there",
        "Idempotency-Key, ä",
        "X-Correlation-Id, ''",
        "X-Message-Ttl, 10 minutes",
        "X-Message-Ttl, PT0S",
        "X-Message-Ttl, -PT1M",
        "X-Message-Ttl, PT1194H",
        "X-Scheduled-Enqueue-Time, +999999999-12-31T23:59:59Z",
        "X-Scheduled-Enqueue-Time, 10000-01-01T00:00:00Z",
        "X-Message-Ttl, P50D",
        "X-Message-Ttl, P99999999999D",
        "X-Scheduled-Enqueue-Time, -999999999-01-01T00:00:00Z",
        "X-Scheduled-Enqueue-Time, +10000-01-01T00:00:00Z",
        "X-Scheduled-Enqueue-Time, 2030-01-01 12:00",
        "X-Scheduled-Enqueue-Time, 2030-01-01T12:00:00",
        "traceparent, 00-short-01",
    })
    void invalidHeaderIsA400NamingIt(String name, String value) {
        assertThatThrownBy(() -> checks.check(request(name, value), "r"))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().detail()).startsWith("header " + name + " ");
                });
    }

    @Test
    void idempotencyKeyMayContainInnerSpaces() {
        assertThat(checks.check(request("Idempotency-Key", "order 1001 v2"), "r").messageId()).isEqualTo("order 1001 v2");
    }

    @Test
    void idempotencyKeyOfMoreThan128CharactersIsRefused() {
        assertThatThrownBy(() -> checks.check(request("Idempotency-Key", "k".repeat(129)), "r"))
                .hasMessageContaining("Idempotency-Key");
        assertThat(checks.check(request("Idempotency-Key", "k".repeat(128)), "r").messageId()).hasSize(128);
    }

    @Test
    void headerGivenTwiceIsRefused() {
        Map<String, Object> headers = request();
        headers.put("Idempotency-Key", List.of("a", "b"));
        assertThatThrownBy(() -> checks.check(headers, "r")).hasMessage("header Idempotency-Key must appear once, not 2 times");
    }

    @ParameterizedTest
    @CsvSource({"text/plain, 415", "'application/json; charset=iso-8859-1', 415", "'', 415"})
    void otherContentTypesAre415(String contentType, int status) {
        Map<String, Object> headers = request();
        headers.put("Content-Type", contentType);
        assertThatThrownBy(() -> checks.check(headers, "r"))
                .isInstanceOfSatisfying(RequestRejectedException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=UTF-8", "Application/JSON; Charset=\"utf-8\""})
    void jsonWithUtf8CharsetIsAccepted(String contentType) {
        Map<String, Object> headers = request();
        headers.put("Content-Type", contentType);
        assertThat(checks.check(headers, "r")).isNotNull();
    }

    @Test
    void onlyPostIsAllowed() {
        Map<String, Object> headers = request();
        headers.put("CamelHttpMethod", "PUT");
        assertThatThrownBy(() -> checks.check(headers, "r"))
                .isInstanceOfSatisfying(RequestRejectedException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(405));
    }

    /** Camel's header map is case-insensitive; a TreeMap with that order stands in for it. */
    private static Map<String, Object> request(String... pairs) {
        Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("CamelHttpMethod", "POST");
        headers.put("Content-Type", "application/json");
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }
}
