package io.busbridge.emulator.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CorrelationFilterTest {

    private static final UUID MESSAGE_ID = UUID.fromString("6f1c0b4e-0000-4000-8000-000000000001");

    private static final TestMessage INVOICE = new TestMessage(
            Map.of("CorrelationId", "order-7", "MessageId", MESSAGE_ID, "To", "billing", "ReplyTo", "replies",
                    "Label", "invoice", "SessionId", "s-1", "ReplyToSessionId", "rs-1",
                    "ContentType", "application/json"),
            Map.of("region", "eu", "amount", 150L));

    private static CorrelationFilterSpec correlationId(String value) {
        return new CorrelationFilterSpec(value, null, null, null, null, null, null, null, null);
    }

    private static CorrelationFilterSpec properties(Map<String, Object> properties) {
        return new CorrelationFilterSpec(null, null, null, null, null, null, null, null, properties);
    }

    @Test
    void matchesOnOneSystemProperty() {
        assertThat(MessageFilter.correlation(correlationId("order-7")).matches(INVOICE)).isTrue();
        assertThat(MessageFilter.correlation(correlationId("order-8")).matches(INVOICE)).isFalse();
        assertThat(MessageFilter.correlation(correlationId("ORDER-7")).matches(INVOICE)).isFalse();
    }

    @Test
    void requiresEverySetField() {
        CorrelationFilterSpec all = new CorrelationFilterSpec("order-7", MESSAGE_ID.toString(), "billing",
                "replies", "invoice", "s-1", "rs-1", "application/json", Map.of("region", "eu"));
        assertThat(MessageFilter.correlation(all).matches(INVOICE)).isTrue();

        CorrelationFilterSpec otherLabel = new CorrelationFilterSpec("order-7", null, null, null, "receipt",
                null, null, null, null);
        assertThat(MessageFilter.correlation(otherLabel).matches(INVOICE)).isFalse();
    }

    @Test
    void doesNotMatchAMessageWithoutTheProperty() {
        TestMessage bare = new TestMessage(Map.of(), Map.of());
        assertThat(MessageFilter.correlation(correlationId("order-7")).matches(bare)).isFalse();
        assertThat(MessageFilter.correlation(properties(Map.of("region", "eu"))).matches(bare)).isFalse();
    }

    @Test
    void matchesUserPropertiesByKeyAndValueAcrossNumberTypes() {
        assertThat(MessageFilter.correlation(properties(Map.of("region", "eu", "amount", 150))).matches(INVOICE))
                .isTrue();
        assertThat(MessageFilter.correlation(properties(Map.of("amount", 150.0))).matches(INVOICE)).isTrue();
        assertThat(MessageFilter.correlation(properties(Map.of("amount", "150"))).matches(INVOICE)).isFalse();
        assertThat(MessageFilter.correlation(properties(Map.of("region", "us"))).matches(INVOICE)).isFalse();
        assertThat(MessageFilter.correlation(properties(Map.of("Region", "eu"))).matches(INVOICE)).isFalse();
    }

    @Test
    void matchesAPropertyRequiredToBeNull() {
        Map<String, Object> nullNote = new HashMap<>();
        nullNote.put("note", null);
        Map<String, Object> messageProperties = new HashMap<>(nullNote);
        assertThat(MessageFilter.correlation(properties(nullNote))
                .matches(new TestMessage(Map.of(), messageProperties))).isTrue();
        assertThat(MessageFilter.correlation(properties(nullNote)).matches(INVOICE)).isFalse();
    }

    @Test
    void rejectsAFilterThatSetsNothing() {
        assertThatThrownBy(() -> MessageFilter.correlation(properties(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A correlation filter must set at least one of CorrelationId");
        assertThatThrownBy(() -> MessageFilter.correlation(properties(null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
