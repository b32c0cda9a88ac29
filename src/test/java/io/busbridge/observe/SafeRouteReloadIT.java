package io.busbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken route edit is refused while traffic keeps getting answered by the old routes; a good edit applies. */
class SafeRouteReloadIT {

    @TempDir
    static Path routes;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(routes.resolve("ingress.camel.yaml"), """
                - route:
                    id: test-ingress
                    from:
                      uri: platform-http:/v1/events
                      steps:
                        - to: direct:dispatch
                        - setHeader: {name: CamelHttpResponseCode, constant: 202}
                """);
        writeDispatch("version-1");
        bridge = RunningBridge.start(Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml",
                "busbridge.routes.reload-directory", routes.toString()));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void brokenEditsAreRefusedWhileTrafficFlowsAndAGoodEditApplies() throws Exception {
        assertThat(post()).isEqualTo("202 version-1");

        List<String> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread traffic = new Thread(() -> {
            while (running.get()) {
                try {
                    answers.add(post());
                } catch (Exception e) {
                    answers.add(e.toString());
                }
            }
        });
        traffic.start();
        try {
            refused("not: [valid yaml", "while parsing a flow sequence");
            refused(dispatchRoute("test-dispatch", "nosuchcomponent:anywhere"), "unknown endpoint 'nosuchcomponent:'");
            refused(dispatchRoute("test-ingress", "log:x"), "duplicate route id 'test-ingress'");

            writeDispatch("version-2");
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.contains("202 version-2"));
            await().atMost(Duration.ofSeconds(10)).until(() -> bridge.get("/observe/health/ready").statusCode() == 200);
        } finally {
            running.set(false);
            traffic.join();
        }
        assertThat(answers).isNotEmpty().allMatch(a -> a.equals("202 version-1") || a.equals("202 version-2"));
        assertThat(bridge.get("/observe/metrics").body()).contains("busbridge_route_reload_failures_total 3.0");
    }

    private static void refused(String content, String reason) throws Exception {
        double before = failures();
        Files.writeString(routes.resolve("dispatch.camel.yaml"), content);
        await().atMost(Duration.ofSeconds(30)).until(() -> failures() > before);
        var ready = bridge.get("/observe/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("route-reload").contains("dispatch.camel.yaml").contains(reason);
        assertThat(post()).isEqualTo("202 version-1");
    }

    private static double failures() throws Exception {
        return bridge.get("/observe/metrics").body().lines()
                .filter(l -> l.startsWith("busbridge_route_reload_failures_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String post() throws Exception {
        var response = bridge.postJson("/v1/events", "{\"type\":\"order.created\"}", Map.of());
        return response.statusCode() + " " + response.body();
    }

    private static void writeDispatch(String answer) throws Exception {
        Files.writeString(routes.resolve("dispatch.camel.yaml"),
                dispatchRoute("test-dispatch", "log:dispatch?level=DEBUG").replace("ANSWER", answer));
    }

    private static String dispatchRoute(String id, String uri) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:dispatch
                      steps:
                        - to: "%s"
                        - setBody: {constant: ANSWER}
                """.formatted(id, uri);
    }
}
