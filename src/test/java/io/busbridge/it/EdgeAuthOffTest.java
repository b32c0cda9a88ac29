package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.fixture.CapturedLogs;

/**
 * BUSBRIDGE_AUTH_MODE=off (the shipped default): start-up warns once, loudly, and a client still cannot
 * put a caller identity or its token onto a message.
 */
class EdgeAuthOffTest {

    /** Opened before the bridge starts, so that the start-up warning is seen. */
    private static final CapturedLogs LOGS = new CapturedLogs();

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator().with("busbridge.auth.mode", "off");

    @AfterAll
    static void stopLogCapture() {
        LOGS.close();
    }

    @Test
    void startUpWarnsOnceThatEdgeAuthenticationIsOff() {
        assertThat(LOGS.lines()).filteredOn(line -> line.contains("EDGE AUTHENTICATION IS OFF")).hasSize(1);
    }

    @Test
    void callerHeadersAndTokenFromTheClientNeverReachTheMessage() {
        String body = Examples.of("order.schema.json").get(1);

        int status = BRIDGE.post("/v1/events", body, "Authorization", "Bearer client-token",
                "caller-sub", "forged-subject", "caller-client-id", "forged-client").statusCode();

        assertThat(status).isEqualTo(202);
        List<ServiceBusReceivedMessage> received = BRIDGE.inbox().queue("orders-express", 2);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getApplicationProperties())
                .doesNotContainKeys("caller-sub", "caller-client-id", "Authorization", "authorization")
                .doesNotContainValue("Bearer client-token");
    }
}
