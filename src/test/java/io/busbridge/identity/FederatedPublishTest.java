package io.busbridge.identity;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.busbridge.fixture.CapturedLogs;
import io.busbridge.fixture.FederationRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.busbridge.fixture.FederationRig.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keyless path end to end, offline: federated token file → azure-identity → local Entra token
 * endpoint → short-lived JWT → {@code jwt} put-token over AMQPS → the emulator → the message arrives.
 */
class FederatedPublishTest {

    private static final AmqpRetryOptions QUICK = new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(10))
            .setMaxRetries(1).setDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(1));

    private FederationRig rig;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        rig = new FederationRig(dir, Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aMessageSentWithAFederatedTokenArrivesOverAmqps() throws Exception {
        ServiceBusClientFactory factory = new ServiceBusClientFactory(rig.workloadIdentity());
        try (CapturedLogs logs = new CapturedLogs()) {
            try (ServiceBusSenderClient sender = factory.newBuilder().retryOptions(QUICK).sender().queueName(QUEUE).buildClient()) {
                ServiceBusMessage message = new ServiceBusMessage("{\"type\":\"order.created\"}").setMessageId("order-1")
                        .setSubject("order.created");
                message.getApplicationProperties().put("sub", "caller-1");
                sender.sendMessage(message);
            }

            ServiceBusReceivedMessage received = receiveOne();
            assertThat(received.getMessageId()).isEqualTo("order-1");
            assertThat(received.getSubject()).isEqualTo("order.created");
            assertThat(received.getBody().toString()).isEqualTo("{\"type\":\"order.created\"}");
            assertThat(received.getApplicationProperties()).containsEntry("sub", "caller-1");

            assertThat(factory.mode()).isEqualTo(CredentialMode.WORKLOAD_IDENTITY);
            assertThat(rig.entra().assertionSubjects()).contains("system:serviceaccount:busbridge:bridge");
            assertThat(rig.entra().unexpectedRequests()).isEmpty();
            assertThat(factory.tokenStatus().healthy()).isTrue();
            assertThat(factory.tokenStatus().expiresAt()).isAfter(java.time.Instant.now());
            String federatedToken = Files.readString(rig.tokenFile());
            assertThat(logs.lines()).noneMatch(line -> line.contains(federatedToken.substring(federatedToken.lastIndexOf('.') + 1)));
        }
    }

    @Test
    void theEmulatorRefusesATokenSignedByAKeyOutsideItsJwks() {
        rig.entra().signWithUnpublishedKey();
        ServiceBusClientFactory factory = new ServiceBusClientFactory(rig.workloadIdentity());

        try (ServiceBusSenderClient sender = factory.newBuilder().retryOptions(QUICK).sender().queueName(QUEUE).buildClient()) {
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("refused")))
                    .isInstanceOfSatisfying(ServiceBusException.class,
                            e -> assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.UNAUTHORIZED));
        }
        assertThat(rig.emulator().stats(QUEUE).activeMessageCount()).isZero();
    }

    @Test
    void theConnectionStringModeSendsWithSas() {
        ServiceBusClientFactory factory = new ServiceBusClientFactory(IdentitySettings.from(Map.of(
                "busbridge.servicebus.connection-string", rig.emulator().connectionString())::get));

        try (ServiceBusSenderClient sender = factory.newBuilder().retryOptions(QUICK).sender().queueName(QUEUE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("with sas").setMessageId("sas-1"));
        }

        assertThat(factory.mode()).isEqualTo(CredentialMode.CONNECTION_STRING);
        assertThat(receiveOne().getMessageId()).isEqualTo("sas-1");
        assertThat(factory.tokenStatus().healthy()).isTrue();
        assertThat(rig.entra().tokensIssued()).isZero();
    }

    private ServiceBusReceivedMessage receiveOne() {
        try (ServiceBusReceiverClient receiver = rig.sasClient().receiver().queueName(QUEUE).buildClient()) {
            List<ServiceBusReceivedMessage> messages = receiver.receiveMessages(1, Duration.ofSeconds(10)).stream().toList();
            assertThat(messages).hasSize(1);
            receiver.complete(messages.get(0));
            return messages.get(0);
        }
    }
}
