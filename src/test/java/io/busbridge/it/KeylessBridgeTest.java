package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.fixture.FederationRig;
import io.busbridge.identity.CredentialMode;
import io.busbridge.identity.ServiceBusClientFactory;

/**
 * The bridge as deployed without keys: workload identity federation configured through properties,
 * an HTTP request published over AMQPS with an Entra JWT put-token, the message taken off the entity.
 */
class KeylessBridgeTest {

    private static final FederationRig RIG = startRig();

    /** Registered first, so it runs after the bridge has stopped. */
    @RegisterExtension
    @Order(1)
    static final AfterAllCallback STOP_RIG = context -> RIG.close();

    @RegisterExtension
    @Order(2)
    static final RunningBridge BRIDGE = withWorkloadIdentity();

    @Test
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

    private static FederationRig startRig() {
        try {
            Path dir = Files.createTempDirectory("busbridge-keyless");
            dir.toFile().deleteOnExit();
            return new FederationRig(dir, Path.of("config/servicebus-emulator.json"), Duration.ofMinutes(5));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the federation rig", e);
        }
    }

    private static RunningBridge withWorkloadIdentity() {
        RunningBridge bridge = new RunningBridge();
        RIG.workloadIdentityProperties().forEach(bridge::with);
        return bridge;
    }
}
