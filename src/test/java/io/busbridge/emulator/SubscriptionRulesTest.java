package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SQL and correlation rules decide, through the real SDK, which subscriptions of a topic get a message. */
class SubscriptionRulesTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.withConfig("src/test/resources/emulator/rules-entities.json");

    @BeforeAll
    static void publishOrders() {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().topicName("orders").buildClient()) {
            sender.sendMessage(order("invoice-eu", "invoice-17", Map.of("region", "eu", "amount", 150)));
            sender.sendMessage(order("receipt-us", "receipt", Map.of("region", "us", "amount", 5000L))
                    .setCorrelationId("order-7"));
            sender.sendMessage(order("urgent-eu", "note", Map.of("region", "eu", "amount", 100.0, "urgent", true)));
            sender.sendMessage(order("receipt-eu", "receipt", Map.of("region", "eu")).setCorrelationId("order-7"));
        }
    }

    private static ServiceBusMessage order(String messageId, String subject, Map<String, Object> properties) {
        ServiceBusMessage message = new ServiceBusMessage("{}").setMessageId(messageId).setSubject(subject);
        message.getApplicationProperties().putAll(properties);
        return message;
    }

    @Test
    void aSubscriptionWithoutRulesGetsEveryMessage() {
        assertThat(receivedIds("everything")).containsExactly("invoice-eu", "receipt-us", "urgent-eu", "receipt-eu");
    }

    @Test
    void aSqlRuleComparesUserPropertiesAcrossNumberTypes() {
        assertThat(receivedIds("big-eu")).containsExactly("invoice-eu");
    }

    @Test
    void anyMatchingRuleDeliversAMessageOnce() {
        assertThat(receivedIds("invoices-or-urgent")).containsExactly("invoice-eu", "urgent-eu");
    }

    @Test
    void aCorrelationRuleNeedsEveryFieldToMatch() {
        assertThat(receivedIds("order-7-us")).containsExactly("receipt-us");
    }

    /** The subscription's count says how many arrived; receiving that many shows which ones. */
    private static List<String> receivedIds(String subscription) {
        long count = EMULATOR.emulator().stats("orders/subscriptions/" + subscription).activeMessageCount();
        try (ServiceBusReceiverClient receiver = EMULATOR.client().receiver().topicName("orders")
                .subscriptionName(subscription).receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE)
                .buildClient()) {
            return receiver.receiveMessages((int) count, Duration.ofSeconds(10)).stream()
                    .map(ServiceBusReceivedMessage::getMessageId).toList();
        }
    }
}
