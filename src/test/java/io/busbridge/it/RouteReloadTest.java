package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.emulator.EmulatorExtension;

/** Editing route files while the bridge runs: a new event type is routed without a restart. */
class RouteReloadTest {

    private static final String SHIPMENT = "{\"type\":\"shipment.dispatched\",\"shipmentId\":\"shp-1\",\"orderId\":\"ord-1\"}";
    private static final Path ROUTES = copyOfShippedRoutes();

    @RegisterExtension
    @Order(1)
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("config/servicebus-emulator.json");

    @RegisterExtension
    @Order(2)
    static final RunningBridge BRIDGE = RunningBridge.withConnectionString(EMULATOR::connectionString)
            .with("camel.main.routes-include-pattern", "file:" + ROUTES + "/*.camel.yaml")
            .with("camel.main.routes-reload-directory", ROUTES.toString());

    @Test
    void newEventTypeIsRoutedAfterTheRouteFilesChange() throws IOException {
        assertThat(BRIDGE.post("/v1/events", SHIPMENT).statusCode()).isEqualTo(422);

        Files.writeString(ROUTES.resolve("dispatch-shipments.camel.yaml"), """
                - route:
                    id: dispatch-shipments
                    errorHandler:
                      noErrorHandler: {}
                    from:
                      uri: direct:dispatch-shipments
                      steps:
                        - setProperty: {name: destination, constant: "{{busbridge.orders.express-queue}}"}
                        - setProperty: {name: entityType, constant: queue}
                        - setProperty: {name: sessionField, constant: ""}
                        - setProperty: {name: idField, constant: shipmentId}
                        - setProperty: {name: promotedFields, constant: ""}
                        - to: direct:publish
                """);
        Path ingress = ROUTES.resolve("ingress.camel.yaml");
        Files.writeString(ingress, Files.readString(ingress).replace("""
                              - id: when-payment
                """, """
                              - id: when-shipment
                                simple: "${exchangeProperty.eventType} starts with 'shipment.'"
                                steps:
                                  - to: direct:dispatch-shipments
                              - id: when-payment
                """));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> BRIDGE.post("/v1/events", SHIPMENT).statusCode() == 202);
        assertThat(new Inbox(EMULATOR.client()).queue("orders-express", 2))
                .extracting(m -> m.getMessageId()).containsExactly("shp-1");
    }

    @AfterAll
    static void removeCopy() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(ROUTES);
    }

    private static Path copyOfShippedRoutes() {
        try {
            Path copy = Files.createTempDirectory("busbridge-routes");
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
