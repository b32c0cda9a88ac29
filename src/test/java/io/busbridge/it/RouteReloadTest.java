package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Editing route files while the bridge runs: a new event type is routed without a restart. */
class RouteReloadTest {

    private static final String SHIPMENT = "{\"type\":\"shipment.dispatched\",\"shipmentId\":\"shp-1\",\"orderId\":\"ord-1\"}";

    @RegisterExtension
    @Order(0)
    static final RouteFilesCopy ROUTES = new RouteFilesCopy();

    @RegisterExtension
    @Order(1)
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("camel.main.routes-include-pattern", () -> "file:" + ROUTES.folder() + "/*.camel.yaml")
            .with("busbridge.routes.reload-directory", () -> ROUTES.folder().toString());

    @Test
    void newEventTypeIsRoutedAfterTheRouteFilesChange() throws IOException {
        assertThat(BRIDGE.post("/v1/events", SHIPMENT).statusCode()).isEqualTo(422);

        Files.writeString(ROUTES.folder().resolve("dispatch-shipments.camel.yaml"), """
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
        Path ingress = ROUTES.folder().resolve("ingress.camel.yaml");
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
        assertThat(BRIDGE.inbox().queue("orders-express", 2))
                .extracting(m -> m.getMessageId()).containsExactly("shp-1");
        HttpResponse<String> unknown = BRIDGE.post("/v1/events", "{\"type\":\"invoice.created\"}");
        assertThat(unknown.statusCode()).as("error handling reloaded too").isEqualTo(422);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
