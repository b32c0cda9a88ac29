package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shutdown suspends the ingress route, then stops it, before the HTTP server stops. Found by bench/faults.sh
 * (SIGTERM under load): Camel answered a bare 503 without Retry-After or a problem document while suspended, and
 * a 404 once stopped, so callers could not tell when to retry. Both must be the 503 problem with Retry-After.
 */
class SuspendedIngressTest {

    private static final List<String> ORDERS = Examples.of("order.schema.json");

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator();

    @Test
    void suspendedIngressAnswers503ProblemWithRetryAfterAndResumes() throws Exception {
        BRIDGE.camelContext().getRouteController().suspendRoute("ingress");
        HttpResponse<String> suspended = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "while-suspended");
        BRIDGE.camelContext().getRouteController().resumeRoute("ingress");

        assertIsUnavailable(suspended);
        assertAcceptedAfterwards("while-suspended");
    }

    @Test
    void stoppedIngressAnswers503ProblemWithRetryAfterAndRestarts() throws Exception {
        BRIDGE.camelContext().getRouteController().stopRoute("ingress");
        HttpResponse<String> stopped = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "while-stopped");
        BRIDGE.camelContext().getRouteController().startRoute("ingress");

        assertIsUnavailable(stopped);
        assertAcceptedAfterwards("while-stopped");
        assertThat(BRIDGE.post("/v1/nothing-here", ORDERS.get(1)).statusCode()).isEqualTo(404);
    }

    private static void assertIsUnavailable(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"status\":503");
    }

    private static void assertAcceptedAfterwards(String key) {
        HttpResponse<String> again = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(BRIDGE.inbox().queue("orders-express", 10)).extracting(m -> m.getMessageId()).containsExactly(key);
    }
}
