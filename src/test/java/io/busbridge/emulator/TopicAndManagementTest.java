package io.busbridge.emulator;

import static io.busbridge.emulator.SendReceiveTest.receiveOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic fan-out with rules, and the $management operations: peek, schedule, cancel, renew-lock. */
class TopicAndManagementTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    @Test
    void topicFansOutToEverySubscriptionWhoseRuleMatches() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().topicName("payments").buildClient()) {
            ServiceBusMessage small = new ServiceBusMessage("small").setMessageId("p-small");
            small.getApplicationProperties().put("amount", 10);
            ServiceBusMessage big = new ServiceBusMessage("big").setMessageId("p-big");
            big.getApplicationProperties().put("amount", 5000);
            sender.sendMessages(List.of(small, big));
        }
        assertThat(receiveAll("ledger")).containsExactly("p-small", "p-big");
        assertThat(receiveAll("high-value")).containsExactly("p-big");
    }

    @Test
    void subscriptionHasItsOwnDeadLetterQueue() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().topicName("payments").buildClient();
             ServiceBusReceiverClient ledger = EMULATOR.client().receiver().topicName("payments")
                     .subscriptionName("ledger").buildClient();
             ServiceBusReceiverClient ledgerDeadLetters = EMULATOR.client().receiver().topicName("payments")
                     .subscriptionName("ledger").subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("unbookable").setMessageId("p-dead"));
            ledger.deadLetter(receiveOne(ledger), new DeadLetterOptions().setDeadLetterReason("NoAccount"));

            ServiceBusReceivedMessage dead = receiveOne(ledgerDeadLetters);
            assertThat(dead.getMessageId()).isEqualTo("p-dead");
            assertThat(dead.getDeadLetterReason()).isEqualTo("NoAccount");
            ledgerDeadLetters.complete(dead);
        }
        assertThat(EMULATOR.emulator().stats("payments").deadLetterMessageCount()).isZero();
    }

    @Test
    void peekShowsMessagesWithoutLockingThem() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic")
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("peek-1"));
            sender.sendMessage(new ServiceBusMessage("peek-2"));

            List<String> peeked = receiver.peekMessages(10).stream().map(m -> m.getBody().toString()).toList();
            assertThat(peeked).containsExactly("peek-1", "peek-2");
            assertThat(receiver.receiveMessages(2, Duration.ofSeconds(5)).stream().map(m -> m.getBody().toString()))
                    .containsExactly("peek-1", "peek-2");
        }
    }

    @Test
    void scheduledMessageAppearsAtItsTimeAndCancelledOneNever() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic")
                     .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            long kept = sender.scheduleMessage(new ServiceBusMessage("on time"), OffsetDateTime.now().plusSeconds(1));
            long cancelled = sender.scheduleMessage(new ServiceBusMessage("cancelled"), OffsetDateTime.now().plusHours(1));
            sender.cancelScheduledMessage(cancelled);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> EMULATOR.emulator().stats("basic").activeMessageCount() == 1);
            assertThat(EMULATOR.emulator().stats("basic").scheduledMessageCount()).isZero();
            ServiceBusReceivedMessage m = receiveOne(receiver);
            assertThat(m.getBody().toString()).isEqualTo("on time");
            assertThat(m.getSequenceNumber()).isEqualTo(kept);
            assertThat(m.getScheduledEnqueueTime()).isNotNull();
        }
        assertThat(EMULATOR.emulator().stats("basic").scheduledMessageCount()).isZero();
    }

    @Test
    void renewLockExtendsTheLock() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("keep me"));
            ServiceBusReceivedMessage m = receiveOne(receiver);
            OffsetDateTime before = m.getLockedUntil();
            OffsetDateTime renewed = receiver.renewMessageLock(m);
            assertThat(renewed).isAfterOrEqualTo(before);
            receiver.complete(m);
        }
    }

    private static List<String> receiveAll(String subscription) {
        try (ServiceBusReceiverClient receiver = EMULATOR.client().receiver().topicName("payments")
                .subscriptionName(subscription).receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            return receiver.receiveMessages(10, Duration.ofSeconds(2)).stream().map(ServiceBusReceivedMessage::getMessageId)
                    .toList();
        }
    }
}
