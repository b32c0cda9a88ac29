package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the SDK sees when it does something Service Bus refuses: each maps to the SDK's own failure reason. */
class ErrorPathsTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    @Test
    void wrongKeyIsUnauthorized() {
        String wrongKey = EMULATOR.connectionString().replace("SAS_KEY_VALUE", "not-the-key");
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder().connectionString(wrongKey)
                .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(5)).setMaxRetries(0));
        try (ServiceBusSenderClient sender = builder.sender().queueName("basic").buildClient()) {
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("x")))
                    .isInstanceOfSatisfying(ServiceBusException.class, e -> {
                        assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.UNAUTHORIZED);
                        assertThat(e.isTransient()).isFalse();
                    });
        }
        assertThat(EMULATOR.emulator().stats("basic").activeMessageCount()).isZero();
    }

    @Test
    void unknownEntityIsNotFoundAndNotRetried() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("no-such-queue").buildClient()) {
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("x")))
                    .isInstanceOfSatisfying(ServiceBusException.class, e -> {
                        assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND);
                        assertThat(e.isTransient()).isFalse();
                    });
        }
    }

    @Test
    void receivingFromAnUnknownEntityIsNotFound() {
        try (ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("no-such-queue").buildClient()) {
            assertThatThrownBy(() -> receiver.receiveMessages(1, Duration.ofSeconds(5)).stream().count())
                    .rootCause().isInstanceOfSatisfying(AmqpException.class, e -> {
                        assertThat(e.getErrorCondition()).isEqualTo(AmqpErrorCondition.NOT_FOUND);
                        assertThat(e.isTransient()).isFalse();
                    });
        }
    }

    @Test
    void messageOverTheAdvertisedMaximumSizeIsRefused() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient()) {
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage(new byte[300_000])))
                    .isInstanceOfSatisfying(ServiceBusException.class, e ->
                            assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.MESSAGE_SIZE_EXCEEDED));
        }
        assertThat(EMULATOR.emulator().stats("basic").activeMessageCount()).isZero();
    }

    @Test
    void sessionEntityRefusesMessageWithoutSessionId() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("sessions").buildClient()) {
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("no session")))
                    .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("SessionId");
        }
        assertThat(EMULATOR.emulator().stats("sessions").activeMessageCount()).isZero();
    }

    @Test
    void fullEntityRefusesWithQuotaExceeded() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("tiny").buildClient()) {
            byte[] body = new byte[200_000];
            for (int i = 0; i < 5; i++) {
                sender.sendMessage(new ServiceBusMessage(body));
            }
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage(body)))
                    .isInstanceOfSatisfying(ServiceBusException.class, e ->
                            assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.QUOTA_EXCEEDED));
        }
        assertThat(EMULATOR.emulator().stats("tiny").activeMessageCount()).isEqualTo(5);
    }
}
