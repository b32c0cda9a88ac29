package io.busbridge.emulator.filter;

/** A subscription rule's filter: decides whether a message published to a topic reaches the subscription. */
@FunctionalInterface
public interface MessageFilter {

    /** Matches every message, as the {@code $Default} rule does. */
    MessageFilter TRUE = message -> true;

    boolean matches(FilterContext message);

    /**
     * Parses a Service Bus SQL filter once; the result evaluates messages without parsing again.
     *
     * @throws IllegalArgumentException naming the position and what was expected when the syntax is wrong
     */
    static MessageFilter sql(String expression) {
        return new SqlFilter(expression, SqlParser.parse(expression));
    }

    /**
     * A correlation filter: every field the spec sets must equal the message's.
     *
     * @throws IllegalArgumentException when the spec sets no field at all, as Service Bus rejects it
     */
    static MessageFilter correlation(CorrelationFilterSpec spec) {
        return new CorrelationFilter(spec);
    }
}
