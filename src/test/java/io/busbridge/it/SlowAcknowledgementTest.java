package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acknowledgements slower than the publish deadline (found by bench/faults.sh): the SDK reports its try-timeout
 * as a non-transient GENERAL_ERROR, and the bridge used to park the message and answer 502 although Service Bus
 * had stored it. It must answer 503 with Retry-After, and the caller's retry must be stored once.
 */
class SlowAcknowledgementTest {

    private static final List<String> ORDERS = Examples.of("order.schema.json");

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("busbridge.publish.deadline", "2s")
            .with("busbridge.publish.try-timeout", "1s");

    @Test
    void ackAfterTheDeadlineIsA503AndTheRetryIsStoredOnceAndNothingParked() {
        BRIDGE.emulator().faults().delayAcks(Duration.ofSeconds(3));
        HttpResponse<String> slow = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "slow-ack");
        BRIDGE.emulator().faults().reset();

        assertThat(slow.statusCode()).as(slow.body()).isEqualTo(503);
        assertThat(slow.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> retried = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "slow-ack");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        Inbox inbox = BRIDGE.inbox();
        assertThat(inbox.queue("orders-express", 10)).extracting(m -> m.getMessageId()).containsExactly("slow-ack");
        assertThat(inbox.queue("busbridge-deadletter", 10)).as("parked messages").isEmpty();
    }
}
