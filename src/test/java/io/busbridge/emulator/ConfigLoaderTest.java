package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.busbridge.emulator.config.ConfigException;
import io.busbridge.emulator.config.ConfigLoader;
import io.busbridge.emulator.config.EmulatorConfig;
import io.busbridge.emulator.config.TopicConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The official emulator's Config.json format: loads unchanged, and bad files fail with one line naming the field. */
class ConfigLoaderTest {

    @Test
    void shippedConfigLoadsWithTheExampleEntities() {
        EmulatorConfig config = ConfigLoader.load(Path.of("config/servicebus-emulator.json"));

        assertThat(config.namespace()).isEqualTo("sbemulatorns");
        assertThat(config.queues()).extracting(q -> q.name()).containsExactly("orders", "orders-express", "busbridge-deadletter");
        assertThat(config.queues().get(0).properties().requiresSession()).isTrue();
        TopicConfig payments = config.topics().get(0);
        assertThat(payments.name()).isEqualTo("payments");
        assertThat(payments.subscriptions()).extracting(s -> s.name()).containsExactly("ledger", "high-value");
        assertThat(payments.subscriptions().get(1).rules()).hasSize(1);
    }

    @Test
    void officialEmulatorSampleLoadsUnchangedWithItsUnknownFields() {
        EmulatorConfig config = ConfigLoader.parse("""
                {"UserConfig": {
                  "Namespaces": [{
                    "Name": "sbemulatorns",
                    "Queues": [{"Name": "queue.1", "Properties": {
                        "DeadLetteringOnMessageExpiration": false, "DefaultMessageTimeToLive": "PT1H",
                        "DuplicateDetectionHistoryTimeWindow": "PT20S", "ForwardDeadLetteredMessagesTo": "",
                        "ForwardTo": "", "LockDuration": "PT1M", "MaxDeliveryCount": 3,
                        "RequiresDuplicateDetection": false, "RequiresSession": false}}],
                    "Topics": [{"Name": "topic.1", "Properties": {"DefaultMessageTimeToLive": "PT1H",
                        "DuplicateDetectionHistoryTimeWindow": "PT20S", "RequiresDuplicateDetection": false},
                      "Subscriptions": [{"Name": "subscription.1", "Properties": {"DeadLetteringOnMessageExpiration": false,
                          "DefaultMessageTimeToLive": "PT1H", "LockDuration": "PT1M", "MaxDeliveryCount": 3,
                          "ForwardDeadLetteredMessagesTo": "", "ForwardTo": "", "RequiresSession": false},
                        "Rules": [{"Name": "app-prop-filter-1", "Properties": {"FilterType": "Correlation",
                            "CorrelationFilter": {"ContentType": "application/text", "CorrelationId": "id1",
                              "Label": "subject1", "MessageId": "msgid1", "ReplyTo": "someQueue",
                              "ReplyToSessionId": "sessionId", "SessionId": "session1", "To": "xyz"}}}]}]}]}],
                  "Logging": {"Type": "File"}}}
                """);

        assertThat(config.queues().get(0).properties().lockDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.queues().get(0).properties().maxDeliveryCount()).isEqualTo(3);
        assertThat(config.queues().get(0).properties().forwardTo()).isNull();
        assertThat(config.topics().get(0).subscriptions().get(0).rules()).hasSize(1);
    }

    @Test
    void badDurationNamesItsFieldPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [{"Name": "ns", "Queues": [
                  {"Name": "a"}, {"Name": "b"}, {"Name": "c", "Properties": {"LockDuration": "PT1X"}}]}]}}
                """)).isInstanceOf(ConfigException.class).hasMessage(
                "UserConfig.Namespaces[0].Queues[2].Properties.LockDuration: 'PT1X' is not an ISO-8601 duration");
    }

    @Test
    void otherMistakesAreNamedToo() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"UserConfig\": {}}"))
                .hasMessage("UserConfig.Namespaces: missing (an array is required)");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"UserConfig\": {\"Namespaces\": [{\"Queues\": [{}]}]}}"))
                .hasMessage("UserConfig.Namespaces[0].Queues[0].Name: missing (a non-empty string is required)");
        assertThatThrownBy(() -> ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [{"Queues": [{"Name": "q", "Properties": {"MaxDeliveryCount": "ten"}}]}]}}
                """)).hasMessage("UserConfig.Namespaces[0].Queues[0].Properties.MaxDeliveryCount: '\"ten\"' is not a positive integer");
        assertThatThrownBy(() -> ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [{"Topics": [{"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [
                  {"Name": "r", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "amount >>= 1"}}}]}]}]}]}}
                """)).hasMessageStartingWith(
                "UserConfig.Namespaces[0].Topics[0].Subscriptions[0].Rules[0].Properties.SqlFilter.SqlExpression: ");
        assertThatThrownBy(() -> ConfigLoader.parse("{ not json"))
                .hasMessageStartingWith("not valid JSON at line 1");
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("no/such/file.json")))
                .hasMessage("no/such/file.json: file not found");
    }
}
