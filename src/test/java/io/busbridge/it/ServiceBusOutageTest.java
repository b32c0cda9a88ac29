package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.emulator.EmulatorExtension;

/** Service Bus down: 503 with Retry-After once the deadline is spent; back up: 202, no bridge restart. */
class ServiceBusOutageTest {

    private static final List<String> ORDERS = Examples.of("order.schema.json");

    @RegisterExtension
    @Order(1)
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("config/servicebus-emulator.json");

    @RegisterExtension
    @Order(2)
    static final RunningBridge BRIDGE = RunningBridge.withConnectionString(EMULATOR::connectionString)
            .with("busbridge.publish.deadline", "3s")
            .with("busbridge.publish.try-timeout", "1s");

    private final Inbox inbox = new Inbox(EMULATOR.client());

    @Test
    void outageIsA503WithRetryAfterAndRecoveryNeedsNoRestart() {
        assertThat(BRIDGE.post("/v1/events", ORDERS.get(1)).statusCode()).isEqualTo(202);

        EMULATOR.emulator().faults().dropAllConnections().stopListener();
        HttpResponse<String> down = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "during-outage");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        EMULATOR.emulator().faults().restartListener();
        HttpResponse<String> up = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "after-outage");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(202);
        assertThat(inbox.queue("orders-express", 3)).extracting(m -> m.getMessageId()).contains("after-outage");
    }
}
