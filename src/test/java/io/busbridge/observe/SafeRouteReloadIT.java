package io.busbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.busbridge.emulator.EmulatorExtension;
import io.busbridge.it.RunningBridge;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broken route edit is refused while traffic keeps getting 202s from the old routes; a good edit applies. */
class SafeRouteReloadIT {

    static final Path ROUTES = copyOfRoutes();
    static final Path DISPATCH = ROUTES.resolve("dispatch-orders.camel.yaml");

    @RegisterExtension
    @Order(1)
    static EmulatorExtension emulator = EmulatorExtension.withConfig("config/servicebus-emulator.json");

    @RegisterExtension
    @Order(2)
    static RunningBridge bridge = RunningBridge.withConnectionString(emulator::connectionString)
            .with("camel.main.routes-include-pattern", "file:" + ROUTES + "/*.camel.yaml")
            .with("busbridge.routes.reload-directory", ROUTES.toString());

    private final AtomicInteger orderNumber = new AtomicInteger();

    @Test
    void brokenEditsAreRefusedWhileTrafficFlowsAndAGoodEditApplies() throws Exception {
        assertThat(post()).isEqualTo("202 orders");
        String good = Files.readString(DISPATCH);

        List<String> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread traffic = new Thread(() -> {
            while (running.get()) {
                answers.add(post());
            }
        });
        traffic.start();
        try {
            refused("- route: [not valid yaml", "while parsing");
            refused(good.replace("uri: direct:publish", "uri: nosuchcomponent:anywhere"),
                    "unknown endpoint 'nosuchcomponent:'");
            refused(good.replace("id: dispatch-orders", "id: ingress"), "duplicate route id 'ingress'");

            Files.writeString(DISPATCH, good.replace("constant: \"{{busbridge.orders.queue}}\"",
                    "constant: \"{{busbridge.orders.express-queue}}\""));
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.contains("202 orders-express"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Observe.get(bridge, "/health/ready").statusCode() == 200);
        } finally {
            running.set(false);
            traffic.join();
        }
        assertThat(answers).isNotEmpty().allMatch(a -> a.equals("202 orders") || a.equals("202 orders-express"));
        assertThat(Observe.metric(bridge, "busbridge_route_reload_failures_total")).isEqualTo(3.0);
    }

    private void refused(String content, String reason) throws Exception {
        double before = Observe.metric(bridge, "busbridge_route_reload_failures_total");
        Files.writeString(DISPATCH, content);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Observe.metric(bridge, "busbridge_route_reload_failures_total") > before);
        var ready = Observe.get(bridge, "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("route-reload", "dispatch-orders.camel.yaml", reason);
        assertThat(post()).isEqualTo("202 orders");
    }

    private String post() {
        String order = """
                {"type":"order.created","orderId":"ord-%d","customerId":"cust-1","items":[{"sku":"a","quantity":1}]}"""
                .formatted(orderNumber.incrementAndGet());
        var response = bridge.post("/v1/events", order);
        return response.statusCode() + " " + response.body().replaceAll(".*\"destination\":\"([^\"]+)\".*", "$1");
    }

    private static Path copyOfRoutes() {
        try {
            Path copy = Files.createTempDirectory("busbridge-routes");
            try (var files = Files.list(Path.of("routes"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
