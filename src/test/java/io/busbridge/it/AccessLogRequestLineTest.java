package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.fixture.CapturedLogs;

/** Every access line says which request it answers: method and path, on the 202 path and the problem path. */
class AccessLogRequestLineTest {

    private static final String ORDER = Examples.of("order.schema.json").get(0);

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator();

    @Test
    void acceptedAndRejectedRequestsAreLoggedWithMethodAndPath() {
        try (CapturedLogs logs = new CapturedLogs()) {
            assertThat(BRIDGE.post("/v1/events", ORDER).statusCode()).isEqualTo(202);
            assertThat(BRIDGE.post("/v1/events", "{\"type\":\"invoice.created\"}").statusCode()).isEqualTo(422);

            // the line is written when the exchange completes, which may be just after the answer went out
            await().untilAsserted(() -> assertThat(logs.lines()).filteredOn(line -> line.contains("\"logger\":\"io.busbridge.access\""))
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("\"method\":\"POST\"", "\"path\":\"/v1/events\"")));
        }
    }
}
