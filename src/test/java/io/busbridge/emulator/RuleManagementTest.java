package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusRuleManagerClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.administration.models.CorrelationRuleFilter;
import com.azure.messaging.servicebus.administration.models.CreateRuleOptions;
import com.azure.messaging.servicebus.administration.models.RuleProperties;
import com.azure.messaging.servicebus.administration.models.SqlRuleFilter;
import com.azure.messaging.servicebus.administration.models.TrueRuleFilter;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Subscription rules listed, added and removed at run time through the SDK's rule manager client. */
class RuleManagementTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    @Test
    void configuredRulesAreListedWithTheirFilters() {
        try (ServiceBusRuleManagerClient highValue = ruleManager("payments", "high-value");
             ServiceBusRuleManagerClient ledger = ruleManager("payments", "ledger")) {
            List<RuleProperties> rules = highValue.listRules().stream().toList();
            assertThat(rules).extracting(RuleProperties::getName).containsExactly("big");
            assertThat(((SqlRuleFilter) rules.get(0).getFilter()).getSqlExpression()).isEqualTo("amount >= 1000");
            assertThat(ledger.listRules().stream().map(RuleProperties::getFilter)).singleElement()
                    .isInstanceOf(TrueRuleFilter.class);
        }
    }

    @Test
    void rulesChangedAtRunTimeDecideWhatTheSubscriptionGets() {
        try (ServiceBusRuleManagerClient rules = ruleManager("managed", "changing")) {
            rules.deleteRule("$Default");
            rules.createRule("eu-only", new CreateRuleOptions(new SqlRuleFilter("region = 'eu'")));
            rules.createRule("order-7", new CreateRuleOptions(new CorrelationRuleFilter().setCorrelationId("order-7")));
            assertThat(rules.listRules().stream().map(RuleProperties::getName)).containsExactly("eu-only", "order-7");

            try (ServiceBusSenderClient sender = EMULATOR.client().sender().topicName("managed").buildClient()) {
                sender.sendMessage(message("eu", "eu-1", null));
                sender.sendMessage(message("us", "us-1", null));
                sender.sendMessage(message("us", "us-correlated", "order-7"));
            }
            try (ServiceBusReceiverClient receiver = EMULATOR.client().receiver().topicName("managed")
                    .subscriptionName("changing").receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
                assertThat(receiver.receiveMessages(5, Duration.ofSeconds(2)).stream()
                        .map(ServiceBusReceivedMessage::getMessageId)).containsExactly("eu-1", "us-correlated");
            }
        }
    }

    @Test
    void duplicateAndMissingRulesAreRefused() {
        try (ServiceBusRuleManagerClient rules = ruleManager("payments", "high-value")) {
            assertThatThrownBy(() -> rules.createRule("big", new CreateRuleOptions(new SqlRuleFilter("amount > 1"))))
                    .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.getReason())
                            .isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_ALREADY_EXISTS));
            assertThatThrownBy(() -> rules.deleteRule("no-such-rule"))
                    .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.getReason())
                            .isEqualTo(ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND));
            assertThatThrownBy(() -> rules.createRule("broken", new CreateRuleOptions(new SqlRuleFilter("amount >>= 1"))))
                    .isInstanceOf(ServiceBusException.class);
        }
    }

    private static ServiceBusMessage message(String region, String id, String correlationId) {
        ServiceBusMessage m = new ServiceBusMessage("{}").setMessageId(id).setCorrelationId(correlationId);
        m.getApplicationProperties().put("region", region);
        return m;
    }

    private static ServiceBusRuleManagerClient ruleManager(String topic, String subscription) {
        return EMULATOR.client().ruleManager().topicName(topic).subscriptionName(subscription).buildClient();
    }
}
