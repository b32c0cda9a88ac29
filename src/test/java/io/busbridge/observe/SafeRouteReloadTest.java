package io.busbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.busbridge.emulator.EmulatorExtension;
import io.busbridge.it.RunningBridge;
import org.apache.camel.Route;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broken route edit is refused while traffic keeps getting 202s from the old routes; a good edit applies. */
class SafeRouteReloadTest {

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
        List<Thread> clients = traffic(answers, running, 1);
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
            stop(running, clients);
        }
        assertThat(answers).isNotEmpty().allMatch(a -> a.equals("202 orders") || a.equals("202 orders-express"));
        assertThat(Observe.metric(bridge, "busbridge_route_reload_failures_total")).isEqualTo(3.0);
    }

    /**
     * Several clients at once, so that some request has always been taken by the old HTTP consumer but not yet
     * entered its route when the route is replaced: it must still be answered 202, not failed by the stopping route.
     */
    @Test
    void editingTheHttpRouteDropsNoRequest() throws Exception {
        Path ingress = ROUTES.resolve("ingress.camel.yaml");
        String original = Files.readString(ingress);
        List<String> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = traffic(answers, running, 8);
        try {
            for (int edit = 1; edit <= 4; edit++) {
                replaceRouteFile(ingress, edit < 4 ? original + "\n# edit " + edit + "\n" : original);
                int before = answers.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> answers.size() > before + 20);
            }
        } finally {
            stop(running, clients);
        }
        assertThat(answers).allMatch(a -> a.startsWith("202 "));
    }

    /** Writes {@code content} and waits until the route loaded from {@code file} has been replaced. */
    private void replaceRouteFile(Path file, String content) throws IOException {
        String location = "file:" + file;
        Route before = bridge.camelContext().getRoutes().stream()
                .filter(route -> route.getSourceResource() != null
                        && location.equals(route.getSourceResource().getLocation()))
                .findFirst().orElseThrow();
        Files.writeString(file, content);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Route now = bridge.camelContext().getRoute(before.getRouteId());
            return now != null && now != before && now.getUptimeMillis() > 0;
        });
    }

    /** Posts orders from {@code clients} threads, each one request after the other, until {@code running} is cleared. */
    private List<Thread> traffic(List<String> answers, AtomicBoolean running, int clients) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(() -> {
                while (running.get()) {
                    answers.add(post());
                }
            });
            client.start();
            threads.add(client);
        }
        return threads;
    }

    private static void stop(AtomicBoolean running, List<Thread> clients) throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
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
