package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.publish.Publisher;

/** At the in-flight cap a request is answered 503 + Retry-After at once, before Camel takes it, and nothing of it is published. */
class BackpressureTest {

    private static final List<String> ORDERS = Examples.of("order.schema.json");

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("busbridge.publish.max-inflight", "2")
            .with("busbridge.publish.try-timeout", "20s")
            .with("busbridge.publish.deadline", "25s");

    private final Inbox inbox = BRIDGE.inbox();

    @Test
    void aRequestBeyondTheInFlightCapIsRefusedAtOnceWith503() {
        assertThat(BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "warm-up").statusCode()).isEqualTo(202);
        Publisher publisher = BRIDGE.camelContext().getRegistry().lookupByNameAndType("publisher", Publisher.class);

        BRIDGE.emulator().faults().delayAcks(Duration.ofSeconds(2));
        CompletableFuture<HttpResponse<String>> first = postAsync("held-1");
        CompletableFuture<HttpResponse<String>> second = postAsync("held-2");
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.inFlight() == 2);

        HttpResponse<String> refused = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "over-the-cap");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Examples.json(refused.body()).path("detail").asText()).contains("limit of requests in flight");

        BRIDGE.emulator().faults().reset();
        assertThat(first.join().statusCode()).isEqualTo(202);
        assertThat(second.join().statusCode()).isEqualTo(202);
        assertThat(inbox.queue("orders-express", 10)).extracting(m -> m.getMessageId())
                .containsExactlyInAnyOrder("warm-up", "held-1", "held-2");
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(String idempotencyKey) {
        return BRIDGE.postAsync("/v1/events", ORDERS.get(1), "Idempotency-Key", idempotencyKey);
    }
}
