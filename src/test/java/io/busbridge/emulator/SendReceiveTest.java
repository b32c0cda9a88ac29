package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendReceiveTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    @Test
    void messageSentToQueueArrivesWithItsPropertiesAndBrokerAnnotations() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("basic").buildClient();
             ServiceBusReceiverClient receiver = EMULATOR.client().receiver().queueName("basic").buildClient()) {
            sender.sendMessage(new ServiceBusMessage("hello").setMessageId("m-1").setSubject("greeting")
                    .setCorrelationId("c-1").setContentType("text/plain"));
            List<ServiceBusReceivedMessage> received = receiver.receiveMessages(1, Duration.ofSeconds(5)).stream().toList();

            assertThat(received).hasSize(1);
            ServiceBusReceivedMessage m = received.get(0);
            assertThat(m.getBody().toString()).isEqualTo("hello");
            assertThat(m.getMessageId()).isEqualTo("m-1");
            assertThat(m.getSubject()).isEqualTo("greeting");
            assertThat(m.getCorrelationId()).isEqualTo("c-1");
            assertThat(m.getSequenceNumber()).isPositive();
            assertThat(m.getEnqueuedTime()).isNotNull();
            assertThat(m.getLockedUntil()).isNotNull();
            assertThat(m.getDeliveryCount()).isZero();
            receiver.complete(m);
        }
        assertThat(EMULATOR.emulator().stats("basic").activeMessageCount()).isZero();
    }
}
