package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shutdown suspends the ingress route before stopping it. Found by bench/faults.sh (SIGTERM under load): Camel
 * then answered a bare 503 with neither Retry-After nor a problem document, so callers could not tell when to
 * retry. It must be the same 503 problem with Retry-After as any other unavailability.
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

        assertThat(suspended.statusCode()).isEqualTo(503);
        assertThat(suspended.headers().firstValue("Retry-After")).isPresent();
        assertThat(suspended.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(suspended.body()).contains("\"status\":503");

        HttpResponse<String> resumed = BRIDGE.post("/v1/events", ORDERS.get(1), "Idempotency-Key", "while-suspended");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        assertThat(BRIDGE.inbox().queue("orders-express", 10)).extracting(m -> m.getMessageId())
                .containsExactly("while-suspended");
    }
}
