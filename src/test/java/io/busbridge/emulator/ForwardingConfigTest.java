package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.busbridge.emulator.config.ConfigException;
import io.busbridge.emulator.config.ConfigLoader;
import io.busbridge.emulator.config.EmulatorConfig;
import org.junit.jupiter.api.Test;

/**
 * Auto-forwarding is checked when the config loads: a loop or a chain of more than four hops (the most Service
 * Bus allows) is one error line naming the entities on it, as is a target that does not exist.
 */
class ForwardingConfigTest {

    @Test
    void chainOfFourHopsThroughATopicSubscriptionLoads() {
        EmulatorConfig config = ConfigLoader.parse(namespace("""
                "Queues": [%s, %s, %s, {"Name": "e"}],
                "Topics": [{"Name": "t", "Subscriptions": [{"Name": "s", "Properties": {"ForwardTo": "e"}}]}]
                """.formatted(forward("a", "b"), forward("b", "c"), forward("c", "t"))));

        assertThat(config.queues()).hasSize(4);
    }

    @Test
    void chainOfFiveHopsIsRefusedNamingItsEntities() {
        assertThatThrownBy(() -> ConfigLoader.parse(namespace("""
                "Queues": [%s, %s, %s, %s, %s, {"Name": "f"}]
                """.formatted(forward("a", "b"), forward("b", "c"), forward("c", "d"), forward("d", "e"), forward("e", "f")))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("forwarding chain of more than 4 hops, which Service Bus does not allow: a -> b -> c -> d -> e -> f");
    }

    @Test
    void deadLetterForwardCountsAsTheFirstHop() {
        assertThatThrownBy(() -> ConfigLoader.parse(namespace("""
                "Queues": [{"Name": "x", "Properties": {"ForwardDeadLetteredMessagesTo": "a"}},
                           %s, %s, %s, %s, {"Name": "e"}]
                """.formatted(forward("a", "b"), forward("b", "c"), forward("c", "d"), forward("d", "e")))))
                .hasMessage("forwarding chain of more than 4 hops, which Service Bus does not allow: "
                        + "x/$deadletterqueue -> a -> b -> c -> d -> e");
    }

    @Test
    void loopIsRefusedNamingItsEntities() {
        assertThatThrownBy(() -> ConfigLoader.parse(namespace("""
                "Queues": [%s, {"Name": "b"}],
                "Topics": [{"Name": "t", "Subscriptions": [{"Name": "back", "Properties": {"ForwardTo": "A"}}]}]
                """.formatted(forward("a", "t")))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ForwardTo loop: a -> t/subscriptions/back -> a");
        assertThatThrownBy(() -> ConfigLoader.parse(namespace("\"Queues\": [" + forward("self", "self") + "]")))
                .hasMessage("ForwardTo loop: self -> self");
    }

    @Test
    void unknownTargetIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse(namespace("""
                "Topics": [{"Name": "t", "Subscriptions": [{"Name": "s",
                    "Properties": {"ForwardDeadLetteredMessagesTo": "nowhere"}}]}]
                """)))
                .hasMessage("'t/subscriptions/s' ForwardDeadLetteredMessagesTo: 'nowhere' is not a queue or topic of this config");
    }

    private static String forward(String queue, String target) {
        return "{\"Name\": \"" + queue + "\", \"Properties\": {\"ForwardTo\": \"" + target + "\"}}";
    }

    private static String namespace(String entities) {
        return "{\"UserConfig\": {\"Namespaces\": [{\"Name\": \"ns\", " + entities + "}]}}";
    }
}
