package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.fixture.CapturedLogs;
import io.busbridge.fixture.FederationRig;
import io.busbridge.identity.CredentialMode;
import io.busbridge.identity.ServiceBusClientFactory;

/**
 * The bridge as deployed without keys: workload identity federation configured through properties,
 * an HTTP request published over AMQPS with an Entra JWT put-token, the message taken off the entity.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeylessBridgeTest {

    private static final FederationRig RIG = startRig();
    private static final CapturedLogs LOGS = new CapturedLogs();

    /** Registered first, so it runs after the bridge has stopped. */
    @RegisterExtension
    @Order(1)
    static final AfterAllCallback STOP_RIG = context -> {
        LOGS.close();
        RIG.close();
    };

    @RegisterExtension
    @Order(2)
    static final RunningBridge BRIDGE = withWorkloadIdentity();

    @Test
    @Order(1)
    void anEventIsPublishedWithAFederatedIdentityOverAmqps() {
        String body = Examples.of("order.schema.json").get(0);

        HttpResponse<String> response = BRIDGE.post("/v1/events", body, "Idempotency-Key", "keyless-1");

        assertThat(response.statusCode()).isEqualTo(202);
        List<ServiceBusReceivedMessage> received = new Inbox(RIG.emulator().connectionString()).session("orders", "cust-42", 2);
        assertThat(received).extracting(ServiceBusReceivedMessage::getMessageId).containsExactly("keyless-1");
        ServiceBusClientFactory clients = BRIDGE.camelContext().getRegistry().findSingleByType(ServiceBusClientFactory.class);
        assertThat(clients.mode()).isEqualTo(CredentialMode.WORKLOAD_IDENTITY);
        assertThat(clients.tokenStatus().healthy()).isTrue();
        assertThat(RIG.entra().assertionSubjects()).isNotEmpty().allMatch("system:serviceaccount:busbridge:bridge"::equals);
    }

    @Test
    @Order(2)
    void aFailingCredentialTurnsReadinessDownAndAnswers503ParkingNothingUntilItRecovers() {
        ServiceBusClientFactory clients = BRIDGE.camelContext().getRegistry().findSingleByType(ServiceBusClientFactory.class);
        String body = Examples.of("order.schema.json").get(0);
        assertThat(BRIDGE.post("/v1/events", body, "Idempotency-Key", "before-outage").statusCode()).isEqualTo(202);

        RIG.entra().failing(true);
        // the token in use runs out and cannot be renewed
        await().atMost(Duration.ofSeconds(30)).until(() -> !clients.tokenStatus().healthy()
                && !clients.tokenStatus().expiresAt().isAfter(Instant.now()));
        HttpResponse<String> during = BRIDGE.post("/v1/events", body, "Idempotency-Key", "during-outage");

        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> readiness = readiness();
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("credential", "AADSTS70021");

        RIG.entra().failing(false);
        assertThat(BRIDGE.post("/v1/events", body, "Idempotency-Key", "after-outage").statusCode()).isEqualTo(202);
        assertThat(readiness().statusCode()).isEqualTo(200);

        assertThat(new Inbox(RIG.emulator().connectionString()).session("orders", "cust-42", 5))
                .extracting(ServiceBusReceivedMessage::getMessageId).containsExactly("before-outage", "after-outage");
        assertThat(new Inbox(RIG.emulator().connectionString()).queue("busbridge-deadletter", 5)).isEmpty();
        assertThat(clients.tokenStatus().healthy()).isTrue();
    }

    @Test
    @Order(3)
    void noFederatedTokenAccessTokenOrKeyReachedTheLog() throws Exception {
        List<String> secrets = RIG.secrets();

        assertThat(LOGS.lines()).isNotEmpty();
        assertThat(secrets).hasSizeGreaterThan(2);
        assertThat(LOGS.lines()).noneMatch(line -> secrets.stream().anyMatch(line::contains));
    }

    private static HttpResponse<String> readiness() {
        int port = BRIDGE.camelContext().hasService(ManagementHttpServer.class).getPort();
        return BRIDGE.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready")).GET().build());
    }

    private static FederationRig startRig() {
        try {
            Path dir = Files.createTempDirectory("busbridge-keyless");
            dir.toFile().deleteOnExit();
            return new FederationRig(dir, Path.of("config/servicebus-emulator.json"), Duration.ofSeconds(10));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the federation rig", e);
        }
    }

    /**
     * RunningBridge always sets a connection string (here the rig emulator's plain port); the explicit
     * credential mode makes the bridge ignore it and authenticate with the federated identity over AMQPS.
     */
    private static RunningBridge withWorkloadIdentity() {
        RunningBridge bridge = RunningBridge.withConnectionString(RIG.emulator()::connectionString)
                .with("busbridge.servicebus.credential", "workload-identity");
        RIG.workloadIdentityProperties().forEach(bridge::with);
        return bridge;
    }
}
