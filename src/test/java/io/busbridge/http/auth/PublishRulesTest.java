package io.busbridge.http.auth;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishRulesTest {

    private static final PublishRules RULES = PublishRules.parse(Map.of(
            "orders", "order.*:scope=events.orders.write|group=order-writers",
            "payments", "payment.*,refund.issued:scope=events.payments.write"));

    @Test
    void scopeOrGroupGrantsTheCoveredTypes() {
        assertThat(RULES.allows(caller(Set.of("events.orders.write"), Set.of()), "order.created")).isTrue();
        assertThat(RULES.allows(caller(Set.of(), Set.of("order-writers")), "order.cancelled")).isTrue();
        assertThat(RULES.allows(caller(Set.of("events.payments.write"), Set.of()), "refund.issued")).isTrue();
    }

    @Test
    void grantForOneDestinationDoesNotCoverAnother() {
        assertThat(RULES.allows(caller(Set.of("events.orders.write"), Set.of()), "payment.captured")).isFalse();
        assertThat(RULES.allows(caller(Set.of("events.payments.write"), Set.of()), "refund.other")).isFalse();
    }

    @Test
    void typesNoRuleCoversAreDenied() {
        Caller everything = caller(Set.of("events.orders.write", "events.payments.write"), Set.of("order-writers"));

        assertThat(RULES.allows(everything, "inventory.changed")).isFalse();
    }

    @Test
    void patternIsAWholeMatchWithLiteralDots() {
        Caller writer = caller(Set.of("events.orders.write"), Set.of());

        assertThat(RULES.allows(writer, "orderXcreated")).isFalse();
        assertThat(RULES.allows(writer, "x.order.created")).isFalse();
    }

    @Test
    void withoutRulesAnyAuthenticatedCallerMayPublish() {
        PublishRules none = PublishRules.parse(Map.of());

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.allows(caller(Set.of(), Set.of()), "anything")).isTrue();
    }

    @Test
    void invalidRulesNameTheKeyAndTheProblem() {
        assertThatThrownBy(() -> PublishRules.parse(Map.of("orders", "order.*")))
                .hasMessageContaining("busbridge.auth.rules.orders").hasMessageContaining("<type-patterns>:<grants>");
        assertThatThrownBy(() -> PublishRules.parse(Map.of("orders", "order.*:role=admin")))
                .hasMessageContaining("unknown grant kind 'role'");
        assertThatThrownBy(() -> PublishRules.parse(Map.of("orders", "order.*:scope=")))
                .hasMessageContaining("is not scope=NAME or group=NAME");
    }

    private static Caller caller(Set<String> scopes, Set<String> groups) {
        return new Caller("user-42", "client", scopes, groups);
    }
}
