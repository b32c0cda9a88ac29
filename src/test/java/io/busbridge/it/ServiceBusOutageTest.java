package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Service Bus down: 503 with Retry-After once the deadline is spent; back up: 202, no bridge restart. */
class ServiceBusOutageTest {

    private static final List<String> ORDERS = Examples.of("order.schema.json");

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("busbridge.publish.deadline", "3s")
            .with("busbridge.publish.try-timeout", "1s");

    private final Inbox inbox = BRIDGE.inbox();

    @Test
    void outageIsA503WithRetryAfterAndRecoveryNeedsNoRestart() {
        assertThat(BRIDGE.post("/v1/events", ORDERS.get(1)).statusCode()).isEqualTo(202);

        BRIDGE.emulator().faults().dropAllConnections().stopListener();
        HttpResponse<String> down = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "during-outage");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        BRIDGE.emulator().faults().restartListener();
        HttpResponse<String> up = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "after-outage");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(202);
        assertThat(inbox.queue("orders-express", 3)).extracting(m -> m.getMessageId())
                .containsExactlyInAnyOrder("ord-1002", "after-outage");
    }

    @Test
    void busyServiceIsRetriedWithinTheDeadlineAndSentOnce() {
        BRIDGE.emulator().faults().rejectNextSends("orders-express", 2);

        HttpResponse<String> response = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "while-busy");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(inbox.queue("orders-express", 3)).extracting(m -> m.getMessageId()).containsExactly("while-busy");
    }
}
