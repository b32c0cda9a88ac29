package io.busbridge.emulator;

import static io.busbridge.emulator.SendReceiveTest.receiveOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session belongs to the receiver that holds its lock: a receiver whose session link is gone, while another
 * receiver holds the session, gets com.microsoft:session-lock-lost for session state, lock renewal and deferred
 * messages of that session, and none of its messages.
 */
class SessionOwnershipTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    @Test
    void onlyTheLockHolderReadsWritesAndRenewsTheSession() {
        send("owned", "o1");
        try (ServiceBusSessionReceiverClient formerClient = sessionClient();
             ServiceBusReceiverClient former = formerClient.acceptSession("owned")) {
            EMULATOR.emulator().faults().detachAllLinks(); // the former holder's session link is gone: the session is free
            try (ServiceBusSessionReceiverClient holderClient = sessionClient();
                 ServiceBusReceiverClient holder = holderClient.acceptSession("owned")) {
                holder.setSessionState(bytes("holder's"));

                assertSessionLockLost(() -> former.setSessionState(bytes("former's")));
                assertSessionLockLost(former::getSessionState);
                assertSessionLockLost(former::renewSessionLock);
                // The SDK does not re-attach a session link; had it tried, the attach would be refused.
                assertThatThrownBy(() -> former.receiveMessages(1, Duration.ofSeconds(1)).stream().count())
                        .hasMessageContaining("terminated");

                assertThat(new String(holder.getSessionState(), StandardCharsets.UTF_8)).isEqualTo("holder's");
                assertThat(holder.renewSessionLock()).isNotNull();
                ServiceBusReceivedMessage o1 = receiveOne(holder);
                assertThat(o1.getBody().toString()).isEqualTo("o1");
                holder.complete(o1);
            }
        }
    }

    @Test
    void onlyTheLockHolderReceivesTheSessionsDeferredMessages() {
        send("deferring", "d1");
        try (ServiceBusSessionReceiverClient formerClient = sessionClient();
             ServiceBusReceiverClient former = formerClient.acceptSession("deferring")) {
            ServiceBusReceivedMessage d1 = receiveOne(former);
            former.defer(d1);
            EMULATOR.emulator().faults().detachAllLinks();
            try (ServiceBusSessionReceiverClient holderClient = sessionClient();
                 ServiceBusReceiverClient holder = holderClient.acceptSession("deferring")) {
                assertSessionLockLost(() -> former.receiveDeferredMessage(d1.getSequenceNumber()));

                ServiceBusReceivedMessage deferred = holder.receiveDeferredMessage(d1.getSequenceNumber());
                assertThat(deferred.getBody().toString()).isEqualTo("d1");
                holder.complete(deferred);
            }
        }
    }

    private static void assertSessionLockLost(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceBusException.class,
                e -> assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.SESSION_LOCK_LOST));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(String sessionId, String body) {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("sessions").buildClient()) {
            sender.sendMessage(new ServiceBusMessage(body).setSessionId(sessionId));
        }
    }

    private static ServiceBusSessionReceiverClient sessionClient() {
        return EMULATOR.client().sessionReceiver().queueName("sessions").buildClient();
    }
}
