package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Send and receive through the real SDK: single, batch, large (multi-frame), receive-and-delete, forwarding. */
class SendReceiveTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    @Test
    void messageSentToQueueArrivesWithItsPropertiesAndBrokerAnnotations() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("hello").setMessageId("m-1").setSubject("greeting")
                    .setCorrelationId("c-1").setContentType("text/plain").setTimeToLive(Duration.ofMinutes(5)));
            ServiceBusReceivedMessage m = receiveOne(receiver);

            assertThat(m.getBody().toString()).isEqualTo("hello");
            assertThat(m.getMessageId()).isEqualTo("m-1");
            assertThat(m.getSubject()).isEqualTo("greeting");
            assertThat(m.getCorrelationId()).isEqualTo("c-1");
            assertThat(m.getContentType()).isEqualTo("text/plain");
            assertThat(m.getTimeToLive()).isEqualTo(Duration.ofMinutes(5));
            assertThat(m.getSequenceNumber()).isPositive();
            assertThat(m.getEnqueuedTime()).isNotNull();
            assertThat(m.getLockedUntil()).isAfter(m.getEnqueuedTime());
            assertThat(m.getDeliveryCount()).isZero();
            receiver.complete(m);
        }
        assertThat(EMULATOR.emulator().stats("basic").activeMessageCount()).isZero();
    }

    @Test
    void aMessageWithoutItsOwnTimeToLiveReportsTheEntityDefault() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("parking").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("parking")
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("no ttl of its own"));

            assertThat(receiveOne(receiver).getTimeToLive()).isEqualTo(Duration.ofHours(1)); // the emulator's default
        }
    }

    @Test
    void batchIsUnpackedIntoItsMessagesInOrder() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic")
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            ServiceBusMessageBatch batch = sender.createMessageBatch();
            for (int i = 0; i < 5; i++) {
                assertThat(batch.tryAddMessage(new ServiceBusMessage("b" + i).setMessageId("batch-" + i)
)).isTrue();
            }
            sender.sendMessages(batch);

            List<String> bodies = receiver.receiveMessages(5, Duration.ofSeconds(5)).stream()
                    .map(m -> m.getBody().toString()).toList();
            assertThat(bodies).containsExactly("b0", "b1", "b2", "b3", "b4");
        }
        assertThat(EMULATOR.emulator().stats("basic").activeMessageCount()).isZero();
    }

    @Test
    void messageLargerThanOneFrameTravelsBothWays() {
        byte[] body = new byte[200_000];
        Arrays.fill(body, (byte) 'x');
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic")
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage(body));
            assertThat(receiveOne(receiver).getBody().toBytes()).isEqualTo(body);
        }
    }

    @Test
    void receiveAndDeleteRemovesTheMessageOnDelivery() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic")
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("once"));
            assertThat(receiveOne(receiver).getBody().toString()).isEqualTo("once");
        }
        assertThat(EMULATOR.emulator().stats("basic").activeMessageCount()).isZero();
    }

    @Test
    void receiverGetsNoMoreThanTheCreditItAskedFor() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic")
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            for (int i = 0; i < 3; i++) {
                sender.sendMessage(new ServiceBusMessage("c" + i));
            }
            assertThat(receiver.receiveMessages(2, Duration.ofSeconds(5)).stream().count()).isEqualTo(2);
            assertThat(receiver.receiveMessages(2, Duration.ofSeconds(2)).stream().map(m -> m.getBody().toString()))
                    .containsExactly("c2");
        }
    }

    @Test
    void duplicateMessageIdWithinTheWindowIsDropped() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("dedupe").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("first").setMessageId("same"));
            sender.sendMessage(new ServiceBusMessage("second").setMessageId("same"));
            sender.sendMessage(new ServiceBusMessage("other").setMessageId("different"));
        }
        assertThat(EMULATOR.emulator().stats("dedupe").activeMessageCount()).isEqualTo(2);
    }

    @Test
    void aPartitionedEntityRefusesABatchSpanningPartitionsWhole() {
        long before = EMULATOR.emulator().stats("partitioned").activeMessageCount();
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("partitioned").buildClient()) {
            ServiceBusMessageBatch batch = sender.createMessageBatch();
            batch.tryAddMessage(new ServiceBusMessage("a").setMessageId("a"));
            batch.tryAddMessage(new ServiceBusMessage("b").setMessageId("b"));

            assertThatThrownBy(() -> sender.sendMessages(batch)).isInstanceOf(ServiceBusException.class)
                    .hasMessageContaining("Batching brokered messages with distinct SessionId, PartitionKey, or MessageId");
        }
        assertThat(EMULATOR.emulator().stats("partitioned").activeMessageCount()).isEqualTo(before);
    }

    @Test
    void aPartitionedEntityTakesABatchForOnePartition() {
        long before = EMULATOR.emulator().stats("partitioned").activeMessageCount();
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("partitioned").buildClient();
             ServiceBusSenderClient sessions = EMULATOR.client().sender().queueName("partitioned-sessions").buildClient()) {
            ServiceBusMessageBatch byKey = sender.createMessageBatch();
            byKey.tryAddMessage(new ServiceBusMessage("a").setMessageId("k-a").setPartitionKey("k"));
            byKey.tryAddMessage(new ServiceBusMessage("b").setMessageId("k-b").setPartitionKey("k"));
            sender.sendMessages(byKey);
            ServiceBusMessageBatch bySession = sessions.createMessageBatch();
            bySession.tryAddMessage(new ServiceBusMessage("a").setMessageId("s-a").setSessionId("s"));
            bySession.tryAddMessage(new ServiceBusMessage("b").setMessageId("s-b").setSessionId("s"));
            sessions.sendMessages(bySession);
        }
        assertThat(EMULATOR.emulator().stats("partitioned").activeMessageCount()).isEqualTo(before + 2);
        assertThat(EMULATOR.emulator().stats("partitioned-sessions").activeMessageCount()).isEqualTo(2);
    }

    @Test
    void forwardToMovesMessagesToTheTargetQueue() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("forwarder").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic")
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("forwarded"));
            assertThat(receiveOne(receiver).getBody().toString()).isEqualTo("forwarded");
        }
    }

    static ServiceBusReceivedMessage receiveOne(ServiceBusReceiverClient receiver) {
        List<ServiceBusReceivedMessage> received = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream().toList();
        assertThat(received).hasSize(1);
        return received.get(0);
    }
}
