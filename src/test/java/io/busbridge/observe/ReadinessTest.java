package io.busbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.busbridge.emulator.EmulatorExtension;
import io.busbridge.it.RunningBridge;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Readiness follows Service Bus: DOWN while the emulator refuses connections, UP again by itself; liveness stays UP.
 * The management port answers an unknown path with a problem document.
 */
class ReadinessTest {

    @RegisterExtension
    @Order(1)
    static EmulatorExtension emulator = EmulatorExtension.withConfig("config/servicebus-emulator.json");

    @RegisterExtension
    @Order(2)
    static RunningBridge bridge = RunningBridge.withConnectionString(emulator::connectionString)
            .with("busbridge.observe.probe-interval", "200ms");

    @Test
    void readinessGoesDownWithServiceBusAndRecovers() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Observe.get(bridge, "/health/ready").statusCode() == 200);
        assertThat(Observe.get(bridge, "/health/ready").body()).contains("servicebus", "credential", "route-reload");

        emulator.emulator().faults().stopListener();
        await().atMost(Duration.ofSeconds(10)).until(() -> Observe.get(bridge, "/health/ready").statusCode() == 503);
        assertThat(Observe.get(bridge, "/health/ready").body()).contains("Service Bus not reachable");
        assertThat(Observe.get(bridge, "/health/live").statusCode()).isEqualTo(200);

        emulator.emulator().faults().restartListener();
        await().atMost(Duration.ofSeconds(10)).until(() -> Observe.get(bridge, "/health/ready").statusCode() == 200);
        assertThat(Observe.get(bridge, "/health/live").statusCode()).isEqualTo(200);
        String order = """
                {"type":"order.created","orderId":"ord-ready","customerId":"c","items":[{"sku":"a","quantity":1}]}""";
        await().atMost(Duration.ofSeconds(30)).until(() -> bridge.post("/v1/events", order).statusCode() == 202);
    }

    @Test
    void anUnknownManagementPathGetsAProblemDocument() {
        var response = Observe.get(bridge, "/no-such-endpoint");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":404", "/observe (health/live, health/ready, metrics)");
    }
}
