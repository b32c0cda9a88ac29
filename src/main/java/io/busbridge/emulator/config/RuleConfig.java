package io.busbridge.emulator.config;

import io.busbridge.emulator.filter.CorrelationFilterSpec;
import io.busbridge.emulator.filter.MessageFilter;

/**
 * A subscription rule: its filter, and what the filter was made from (a SQL expression, a correlation spec,
 * or neither for match-all) so that the rule can be listed back. Rule actions are not emulated.
 */
public record RuleConfig(String name, MessageFilter filter, String sqlExpression, CorrelationFilterSpec correlation) {

    /** Azure gives a subscription created without rules this one. */
    public static final RuleConfig DEFAULT = new RuleConfig("$Default", MessageFilter.TRUE, null, null);

    /** @throws IllegalArgumentException when the expression is not valid Service Bus SQL */
    public static RuleConfig sql(String name, String expression) {
        return new RuleConfig(name, MessageFilter.sql(expression), expression, null);
    }

    /** @throws IllegalArgumentException when the spec sets no field */
    public static RuleConfig correlation(String name, CorrelationFilterSpec spec) {
        return new RuleConfig(name, MessageFilter.correlation(spec), null, spec);
    }
}
