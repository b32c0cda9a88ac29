package io.busbridge.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.StreamSupport;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.emulator.EmulatorExtension;

/**
 * Transient Service Bus trouble, injected with the emulator's fault controls and seen through the real SDK, must
 * end in a retry or a 503 — never in the dead-letter channel (found by bench/faults.sh: slow acknowledgements
 * made the SDK report a non-transient GENERAL_ERROR, and the bridge parked messages that were in fact stored).
 */
class PublisherUnderFaultsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    private static final Target DEDUPE = new Target("dedupe", EntityType.QUEUE, null, null, List.of());

    private ServiceBusConnection connection;
    private Publisher publisher;

    @BeforeEach
    void startPublisher() {
        connection = ServiceBusConnection.withConnectionString(EMULATOR.connectionString(), Duration.ofSeconds(1));
        publisher = new Publisher(connection.builder(),
                new Publisher.RetrySettings(Duration.ofSeconds(4), Duration.ofMillis(50), Duration.ofMillis(200)), "basic");
    }

    @AfterEach
    void stopPublisher() {
        EMULATOR.emulator().faults().reset();
        publisher.close();
        connection.close();
    }

    @Test
    void acknowledgementsSlowerThanTheDeadlineAnswerUnavailableAndTheRetryIsStoredOnce() {
        EMULATOR.emulator().faults().delayAcks(Duration.ofSeconds(5));

        assertThatThrownBy(() -> publisher.publish(outbound("slow-1")).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(PublishUnavailableException.class);

        EMULATOR.emulator().faults().reset();
        Accepted accepted = publisher.publish(outbound("slow-1")).join();

        assertThat(accepted.messageId()).isEqualTo("slow-1");
        assertThat(receiveAll("dedupe")).extracting(ServiceBusReceivedMessage::getMessageId).containsExactly("slow-1");
        assertThat(receiveAll("basic")).as("nothing parked in the dead-letter entity").isEmpty();
    }

    @Test
    void aBurstOfServerBusyIsRetriedWithinTheDeadline() {
        EMULATOR.emulator().faults().rejectNextSends("dedupe", 3);

        Accepted accepted = publisher.publish(outbound("busy-1")).join();

        assertThat(accepted.messageId()).isEqualTo("busy-1");
        assertThat(receiveAll("dedupe")).extracting(ServiceBusReceivedMessage::getMessageId).containsExactly("busy-1");
        assertThat(receiveAll("basic")).as("nothing parked in the dead-letter entity").isEmpty();
    }

    private static Outbound outbound(String id) {
        ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromString("{\"type\":\"t\"}"));
        message.setMessageId(id);
        return new Outbound(DEDUPE, message);
    }

    private static List<ServiceBusReceivedMessage> receiveAll(String queue) {
        try (ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName(queue)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            return StreamSupport.stream(receiver.receiveMessages(100, Duration.ofSeconds(2)).spliterator(), false).toList();
        }
    }
}
