package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.publish.Publisher;

/**
 * A request waiting for Service Bus holds no thread: with a single Vert.x worker thread, many requests are in
 * flight at once, and each gets its own 202 once its message is stored.
 */
class RequestsInFlightTest {

    private static final List<String> ORDERS = Examples.of("order.schema.json");
    private static final int REQUESTS = 40;

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("busbridge.http.worker-pool-size", "1")
            .with("busbridge.publish.try-timeout", "20s")
            .with("busbridge.publish.deadline", "25s");

    @Test
    void manyRequestsWaitForServiceBusTogetherWithOneWorkerThreadAndEachMessageArrives() {
        assertThat(BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "warm-up").statusCode()).isEqualTo(202);
        Publisher publisher = BRIDGE.camelContext().getRegistry().lookupByNameAndType("publisher", Publisher.class);

        BRIDGE.emulator().faults().delayAcks(Duration.ofSeconds(2));
        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, REQUESTS)
                .mapToObj(i -> BRIDGE.postAsync("/v1/events", ORDERS.get(1), "Idempotency-Key", "in-flight-" + i))
                .toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.inFlight() == REQUESTS);
        BRIDGE.emulator().faults().reset();

        Set<String> answeredIds = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            answeredIds.add(Examples.json(response.body()).path("messageId").asText());
        }
        List<String> expected = IntStream.range(0, REQUESTS).mapToObj(i -> "in-flight-" + i).toList();
        assertThat(answeredIds).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(received("orders-express", REQUESTS + 1)).containsExactlyInAnyOrderElementsOf(
                concat("warm-up", expected));
    }

    private static List<String> received(String queue, int expected) {
        List<String> ids = new ArrayList<>();
        List<ServiceBusReceivedMessage> batch;
        do {
            batch = BRIDGE.inbox().queue(queue, expected - ids.size());
            batch.forEach(m -> ids.add(m.getMessageId()));
        } while (!batch.isEmpty() && ids.size() < expected);
        return ids;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest);
        all.add(0, first);
        return all;
    }
}
