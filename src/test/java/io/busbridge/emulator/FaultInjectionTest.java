package io.busbridge.emulator;

import static io.busbridge.emulator.SendReceiveTest.receiveOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each fault control, seen through the SDK: it fails the way Service Bus would, and recovers. */
class FaultInjectionTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    @AfterEach
    void clearFaults() {
        EMULATOR.emulator().faults().reset();
    }

    @Test
    void rejectedSendsAreServerBusyAndTransientUntilReset() {
        EMULATOR.emulator().faults().rejectNextSends("basic", 100);
        try (ServiceBusSenderClient sender = noRetries().sender().queueName("basic").buildClient()) {
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("busy")))
                    .rootCause().isInstanceOfSatisfying(AmqpException.class, e -> {
                        assertThat(e.getErrorCondition()).isEqualTo(AmqpErrorCondition.SERVER_BUSY_ERROR);
                        assertThat(e.isTransient()).isTrue();
                    });
            EMULATOR.emulator().faults().reset();
            sender.sendMessage(new ServiceBusMessage("not busy"));
        }
        assertReceived("basic", "not busy");
    }

    @Test
    void clientsRecoverFromDetachedLinks() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("before detach"));
            EMULATOR.emulator().faults().detachAllLinks();
            sender.sendMessage(new ServiceBusMessage("after detach"));
        }
        assertReceived("basic", "before detach", "after detach");
    }

    @Test
    void clientsRecoverFromDroppedConnections() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("before drop"));
            EMULATOR.emulator().faults().dropAllConnections();
            sender.sendMessage(new ServiceBusMessage("after drop"));
        }
        assertReceived("basic", "before drop", "after drop");
    }

    @Test
    void messagesLockedByALostConnectionAreReleased() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("locked when the connection dropped"));
        }
        try (ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic").buildClient()) {
            receiveOne(receiver);
            EMULATOR.emulator().faults().dropAllConnections();
        }
        assertReceived("basic", "locked when the connection dropped");
    }

    @Test
    void outageFailsSendsKeepsMessagesAndEndsOnRestart() {
        try (ServiceBusSenderClient sender = noRetries().sender().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("before outage"));
            EMULATOR.emulator().faults().stopListener();
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("during outage")));
            EMULATOR.emulator().faults().restartListener();
        }
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("after outage"));
        }
        assertReceived("basic", "before outage", "after outage");
    }

    @Test
    void delayedAcksStillAcknowledgeEverySend() {
        EMULATOR.emulator().faults().delayAcks(Duration.ofMillis(300));
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("slow ack"));
        }
        assertReceived("basic", "slow ack");
    }

    @Test
    void expiredTokenDetachesTheLinkAndTheClientReauthorizes() throws InterruptedException {
        EMULATOR.emulator().faults().tokenLifetime(Duration.ofMillis(500));
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("first token"));
            Thread.sleep(1000); // the emulator detaches links whose token expired
            sender.sendMessage(new ServiceBusMessage("second token"));
        }
        EMULATOR.emulator().faults().reset();
        assertReceived("basic", "first token", "second token");
    }

    private static void assertReceived(String queue, String... bodies) {
        try (ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName(queue)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            for (String body : bodies) {
                assertThat(receiveOne(receiver).getBody().toString()).isEqualTo(body);
            }
        }
        assertThat(EMULATOR.emulator().stats(queue).activeMessageCount()).isZero();
    }

    private static com.azure.messaging.servicebus.ServiceBusClientBuilder noRetries() {
        return EMULATOR.client().retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(3))
                .setMaxRetries(0).setMaxDelay(Duration.ofSeconds(10)));
    }
}
