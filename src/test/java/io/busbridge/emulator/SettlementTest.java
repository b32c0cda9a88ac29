package io.busbridge.emulator;

import static io.busbridge.emulator.SendReceiveTest.receiveOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.SubQueue;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Peek-lock settlement through the SDK: complete, abandon, dead-letter, defer, lock expiry, double settlement. */
class SettlementTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    @Test
    void abandonedMessageIsRedeliveredWithDeliveryCountPlusOne() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = receiver("basic")) {
            sender.sendMessage(new ServiceBusMessage("again"));
            ServiceBusReceivedMessage first = receiveOne(receiver);
            receiver.abandon(first);
            ServiceBusReceivedMessage second = receiveOne(receiver);

            assertThat(second.getSequenceNumber()).isEqualTo(first.getSequenceNumber());
            assertThat(second.getDeliveryCount()).isEqualTo(first.getDeliveryCount() + 1);
            receiver.complete(second);
        }
    }

    @Test
    void deadLetteredMessageCarriesReasonAndDescription() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = receiver("basic");
             ServiceBusReceiverClient deadLetters = EMULATOR.client().receiver().queueName("basic")
                     .subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("poison").setMessageId("poison-1"));
            receiver.deadLetter(receiveOne(receiver), new DeadLetterOptions()
                    .setDeadLetterReason("BadPayload").setDeadLetterErrorDescription("field x missing"));

            ServiceBusReceivedMessage dead = receiveOne(deadLetters);
            assertThat(dead.getMessageId()).isEqualTo("poison-1");
            assertThat(dead.getDeadLetterReason()).isEqualTo("BadPayload");
            assertThat(dead.getDeadLetterErrorDescription()).isEqualTo("field x missing");
            deadLetters.complete(dead);
        }
        assertThat(EMULATOR.emulator().stats("basic").deadLetterMessageCount()).isZero();
    }

    @Test
    void deadLettersAreForwardedWithTheirReasonWhenTheEntitySaysSo() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("dead-letters-forwarded").buildClient();
             ServiceBusReceiverClient receiver = receiver("dead-letters-forwarded");
             ServiceBusReceiverClient parking = receiver("parking")) {
            sender.sendMessage(new ServiceBusMessage("park me"));
            receiver.deadLetter(receiveOne(receiver), new DeadLetterOptions().setDeadLetterReason("Parked"));

            ServiceBusReceivedMessage parked = receiveOne(parking);
            assertThat(parked.getBody().toString()).isEqualTo("park me");
            assertThat(parked.getDeadLetterReason()).isEqualTo("Parked");
            parking.complete(parked);
        }
    }

    @Test
    void deferredMessageIsReceivedBySequenceNumber() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = receiver("basic")) {
            sender.sendMessage(new ServiceBusMessage("later"));
            ServiceBusReceivedMessage m = receiveOne(receiver);
            receiver.defer(m);
            assertThat(EMULATOR.emulator().stats("basic").deferredMessageCount()).isEqualTo(1);

            ServiceBusReceivedMessage deferred = receiver.receiveDeferredMessage(m.getSequenceNumber());
            assertThat(deferred.getBody().toString()).isEqualTo("later");
            receiver.complete(deferred);
        }
        assertThat(EMULATOR.emulator().stats("basic").deferredMessageCount()).isZero();
    }

    /** The SDK refuses a second settlement itself; the broker must have removed the message once. */
    @Test
    void settlingTwiceIsRefusedAndTheMessageIsGoneOnce() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = receiver("basic")) {
            sender.sendMessage(new ServiceBusMessage("twice"));
            ServiceBusReceivedMessage m = receiveOne(receiver);
            receiver.complete(m);
            assertThatThrownBy(() -> receiver.abandon(m)).hasMessageContaining("already settled");
            assertThat(receiver.receiveMessages(1, Duration.ofSeconds(1)).stream()).isEmpty();
        }
        assertThat(EMULATOR.emulator().stats("basic").activeMessageCount()).isZero();
    }

    @Test
    void settlingWithALockTokenTheBrokerNoLongerHoldsFailsWithLockLost() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = receiver("basic")) {
            sender.sendMessage(new ServiceBusMessage("deferred then completed twice"));
            ServiceBusReceivedMessage m = receiveOne(receiver);
            receiver.defer(m);
            ServiceBusReceivedMessage deferred = receiver.receiveDeferredMessage(m.getSequenceNumber());
            try (ServiceBusReceiverClient other = receiver("basic")) {
                other.complete(deferred); // settles through $management: the broker forgets the lock
            }
            try (ServiceBusReceiverClient third = receiver("basic")) {
                assertThatThrownBy(() -> third.renewMessageLock(deferred)).isInstanceOfSatisfying(
                        ServiceBusException.class,
                        e -> assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGE_LOCK_LOST));
            }
        }
    }

    @Test
    void lockExpiresThenSettlementFailsAndMessageIsRedelivered() throws InterruptedException {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("short-lock").buildClient();
             ServiceBusReceiverClient receiver = receiver("short-lock")) {
            sender.sendMessage(new ServiceBusMessage("slow consumer"));
            ServiceBusReceivedMessage m = receiveOne(receiver);
            Thread.sleep(1500); // the queue's LockDuration is PT1S
            assertThatThrownBy(() -> receiver.complete(m)).isInstanceOfSatisfying(ServiceBusException.class,
                    e -> assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGE_LOCK_LOST));

            ServiceBusReceivedMessage redelivered = receiveOne(receiver);
            assertThat(redelivered.getSequenceNumber()).isEqualTo(m.getSequenceNumber());
            assertThat(redelivered.getDeliveryCount()).isEqualTo(1);
            receiver.complete(redelivered);
        }
    }

    @Test
    void exceedingMaxDeliveryCountDeadLettersWithReason() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("max-delivery").buildClient();
             ServiceBusReceiverClient receiver = receiver("max-delivery");
             ServiceBusReceiverClient deadLetters = EMULATOR.client().receiver().queueName("max-delivery")
                     .subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("never works").setMessageId("mdc-1"));
            for (int attempt = 0; attempt < 3; attempt++) { // MaxDeliveryCount = 3
                receiver.abandon(receiveOne(receiver));
            }
            assertThat(receiver.receiveMessages(1, Duration.ofSeconds(1)).stream()).isEmpty();

            ServiceBusReceivedMessage dead = receiveOne(deadLetters);
            assertThat(dead.getMessageId()).isEqualTo("mdc-1");
            assertThat(dead.getDeadLetterReason()).isEqualTo("MaxDeliveryCountExceeded");
            deadLetters.complete(dead);
        }
    }

    @Test
    void expiredMessageIsDeadLetteredWhenTheEntitySaysSo() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("short-ttl").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("stale").setMessageId("ttl-1"));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> EMULATOR.emulator().stats("short-ttl").deadLetterMessageCount() == 1);
        try (ServiceBusReceiverClient deadLetters = EMULATOR.client().receiver().queueName("short-ttl")
                .subQueue(SubQueue.DEAD_LETTER_QUEUE).buildClient()) {
            ServiceBusReceivedMessage dead = receiveOne(deadLetters);
            assertThat(dead.getMessageId()).isEqualTo("ttl-1");
            assertThat(dead.getDeadLetterReason()).isEqualTo("TTLExpiredException");
            deadLetters.complete(dead);
        }
        assertThat(EMULATOR.emulator().stats("short-ttl").activeMessageCount()).isZero();
    }

    @Test
    void locksHeldByAClosedReceiverAreReleased() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("orphan"));
        }
        long firstSequenceNumber;
        try (ServiceBusReceiverClient receiver = receiver("basic")) {
            firstSequenceNumber = receiveOne(receiver).getSequenceNumber();
        }
        try (ServiceBusReceiverClient receiver = receiver("basic")) {
            ServiceBusReceivedMessage again = receiveOne(receiver);
            assertThat(again.getSequenceNumber()).isEqualTo(firstSequenceNumber);
            receiver.complete(again);
        }
    }

    /** Auto lock renewal off: these tests are about what happens without it. */
    private static ServiceBusReceiverClient receiver(String queue) {
        return EMULATOR.client().receiver().queueName(queue).maxAutoLockRenewDuration(Duration.ZERO).buildClient();
    }
}
