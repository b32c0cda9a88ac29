package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session receiver that goes away gives its session back at once, not at lock expiry (PT30S here): the next
 * acceptor of the same session, in the same test class, gets the session's next message.
 */
class SessionReleaseTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    /**
     * Only the receiver's link is detached: its client, and so its connection, stays open. The next acceptor uses
     * another client: on the same connection the SDK (azure-core-amqp ReactorSession) can hand back the closing
     * link, whose name is the session id, until it has finished closing it, and that receiver is then terminated.
     */
    @Test
    void closingTheSessionReceiverFreesTheSession() {
        send("cust-42", "first", "second");
        try (ServiceBusSessionReceiverClient sessions = sessionClient()) {
            try (ServiceBusReceiverClient receiver = sessions.acceptSession("cust-42")) {
                ServiceBusReceivedMessage first = SendReceiveTest.receiveOne(receiver);
                assertThat(first.getBody().toString()).isEqualTo("first");
                receiver.complete(first);
            }
            try (ServiceBusSessionReceiverClient others = sessionClient();
                 ServiceBusReceiverClient again = others.acceptSession("cust-42")) {
                ServiceBusReceivedMessage second = SendReceiveTest.receiveOne(again);
                assertThat(second.getBody().toString()).isEqualTo("second");
                again.complete(second);
            }
        }
    }

    @Test
    void closingTheWholeSessionClientFreesTheSession() {
        send("cust-43", "first", "second");
        try (ServiceBusSessionReceiverClient sessions = sessionClient();
             ServiceBusReceiverClient receiver = sessions.acceptSession("cust-43")) {
            receiver.complete(SendReceiveTest.receiveOne(receiver));
        }
        try (ServiceBusSessionReceiverClient sessions = sessionClient();
             ServiceBusReceiverClient again = sessions.acceptNextSession()) {
            assertThat(again.getSessionId()).isEqualTo("cust-43");
            ServiceBusReceivedMessage second = SendReceiveTest.receiveOne(again);
            assertThat(second.getBody().toString()).isEqualTo("second");
            again.complete(second);
        }
    }

    /** A lock given back by a detach is not a delivery attempt (README, "What it does not emulate"). */
    @Test
    void messageLeftUnsettledAtCloseGoesToTheNextAcceptorWithItsDeliveryCount() {
        send("cust-44", "unsettled", "later");
        ServiceBusReceivedMessage left;
        try (ServiceBusSessionReceiverClient sessions = sessionClient();
             ServiceBusReceiverClient receiver = sessions.acceptSession("cust-44")) {
            left = SendReceiveTest.receiveOne(receiver);
        }
        try (ServiceBusSessionReceiverClient sessions = sessionClient();
             ServiceBusReceiverClient again = sessions.acceptSession("cust-44")) {
            ServiceBusReceivedMessage redelivered = SendReceiveTest.receiveOne(again);
            assertThat(redelivered.getBody().toString()).isEqualTo("unsettled");
            assertThat(redelivered.getSequenceNumber()).isEqualTo(left.getSequenceNumber());
            assertThat(redelivered.getDeliveryCount()).isEqualTo(left.getDeliveryCount());
            again.complete(redelivered);
            ServiceBusReceivedMessage later = SendReceiveTest.receiveOne(again);
            assertThat(later.getBody().toString()).isEqualTo("later");
            again.complete(later);
        }
    }

    private static void send(String sessionId, String... bodies) {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("sessions").buildClient()) {
            for (String body : bodies) {
                sender.sendMessage(new ServiceBusMessage(body).setSessionId(sessionId));
            }
        }
    }

    private static ServiceBusSessionReceiverClient sessionClient() {
        return EMULATOR.client().sessionReceiver().queueName("sessions").buildClient();
    }
}
