package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session receivers through the SDK: named and next-available, per-session order, session locks and state. */
class SessionTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    @Test
    void namedSessionReceivesOnlyItsMessagesInOrder() {
        send("customer-a", "a1", "a2", "a3");
        send("customer-b", "b1");
        try (ServiceBusSessionReceiverClient sessions = sessionClient();
             ServiceBusReceiverClient a = sessions.acceptSession("customer-a")) {
            List<ServiceBusReceivedMessage> received = a.receiveMessages(5, Duration.ofSeconds(2)).stream().toList();
            assertThat(received).extracting(m -> m.getBody().toString()).containsExactly("a1", "a2", "a3");
            assertThat(received).extracting(ServiceBusReceivedMessage::getSessionId).containsOnly("customer-a");
            assertThat(a.getSessionId()).isEqualTo("customer-a");
            received.forEach(a::complete);
        }
        try (ServiceBusSessionReceiverClient sessions = sessionClient();
             ServiceBusReceiverClient next = sessions.acceptNextSession()) {
            assertThat(next.getSessionId()).isEqualTo("customer-b");
            ServiceBusReceivedMessage b1 = SendReceiveTest.receiveOne(next);
            assertThat(b1.getBody().toString()).isEqualTo("b1");
            next.complete(b1);
        }
    }

    @Test
    void lockedSessionCannotBeAcceptedTwice() {
        send("customer-c", "c1");
        try (ServiceBusSessionReceiverClient sessions = sessionClient();
             ServiceBusReceiverClient first = sessions.acceptSession("customer-c");
             ServiceBusSessionReceiverClient others = sessionClient()) {
            assertThat(first.getSessionId()).isEqualTo("customer-c");
            assertThatThrownBy(() -> others.acceptSession("customer-c")).hasMessageContaining("cannot be accepted");
            first.complete(SendReceiveTest.receiveOne(first));
        }
    }

    @Test
    void noSessionAvailableTimesOut() {
        try (ServiceBusSessionReceiverClient sessions = sessionClient()) {
            assertThatThrownBy(sessions::acceptNextSession).hasMessageContaining("timeout");
        }
    }

    @Test
    void sessionStateIsKeptPerSession() {
        send("customer-d", "d1");
        try (ServiceBusSessionReceiverClient sessions = sessionClient();
             ServiceBusReceiverClient d = sessions.acceptSession("customer-d")) {
            assertThat(d.getSessionState()).isNull();
            d.setSessionState("step-2".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(d.getSessionState(), StandardCharsets.UTF_8)).isEqualTo("step-2");
            assertThat(d.renewSessionLock()).isNotNull();
            d.complete(SendReceiveTest.receiveOne(d));
        }
    }

    @Test
    void expiredSessionLockDetachesTheReceiverAndFreesTheSession() throws InterruptedException {
        sendTo("short-session-lock", "e-1", "e1");
        try (ServiceBusSessionReceiverClient sessions = EMULATOR.client().sessionReceiver()
                .queueName("short-session-lock").maxAutoLockRenewDuration(Duration.ZERO).buildClient();
             ServiceBusReceiverClient e = sessions.acceptSession("e-1")) {
            Thread.sleep(1500); // LockDuration is PT1S and nothing renews it
            // The emulator detaches with com.microsoft:session-lock-lost; the sync client reports it as terminated.
            assertThatThrownBy(() -> e.receiveMessages(1, Duration.ofSeconds(2)).stream().count())
                    .hasMessageContaining("terminated");
        }
        try (ServiceBusSessionReceiverClient sessions = EMULATOR.client().sessionReceiver()
                .queueName("short-session-lock").buildClient();
             ServiceBusReceiverClient again = sessions.acceptSession("e-1")) {
            ServiceBusReceivedMessage e1 = SendReceiveTest.receiveOne(again);
            assertThat(e1.getBody().toString()).isEqualTo("e1");
            again.complete(e1);
        }
    }

    private static void send(String sessionId, String... bodies) {
        sendTo("sessions", sessionId, bodies);
    }

    private static void sendTo(String queue, String sessionId, String... bodies) {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName(queue).buildClient()) {
            for (String body : bodies) {
                sender.sendMessage(new ServiceBusMessage(body).setSessionId(sessionId));
            }
        }
    }

    private static ServiceBusSessionReceiverClient sessionClient() {
        return EMULATOR.client().sessionReceiver().queueName("sessions").buildClient();
    }
}
