package io.busbridge.emulator.amqp;

import io.busbridge.emulator.config.RuleConfig;
import io.busbridge.emulator.filter.CorrelationFilterSpec;
import io.busbridge.emulator.store.SubscriptionRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.UnknownDescribedType;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.message.Message;

/**
 * A subscription's rule management through $management (contract §10): add-rule, remove-rule and
 * enumerate-rules, the last answered with the described types the SDK decodes.
 */
final class RuleOperations {
    private static final UnsignedLong RULE_DESCRIPTION = UnsignedLong.valueOf(0x0000013700000004L);
    private static final UnsignedLong SQL_FILTER = UnsignedLong.valueOf(0x000001370000006L);
    private static final UnsignedLong TRUE_FILTER = UnsignedLong.valueOf(0x000001370000007L);
    private static final UnsignedLong CORRELATION_FILTER = UnsignedLong.valueOf(0x000001370000009L);
    private static final UnsignedLong EMPTY_ACTION = UnsignedLong.valueOf(0x0000013700000005L);

    private final SubscriptionRules rules;
    private final String subscriptionPath;
    private final UnaryOperator<String> notFound;

    /** @param notFound the Service Bus not-found text for an entity path */
    RuleOperations(SubscriptionRules rules, String subscriptionPath, UnaryOperator<String> notFound) {
        this.rules = rules;
        this.subscriptionPath = subscriptionPath;
        this.notFound = notFound;
    }

    /** SQL rule actions are accepted and ignored (not emulated). */
    Message add(ManagementRequest r) {
        String name = r.string("rule-name");
        ManagementRequest description = new ManagementRequest(r.map("rule-description"));
        Map<String, Object> sql = description.map("sql-filter");
        Map<String, Object> correlation = description.map("correlation-filter");
        RuleConfig rule;
        if (!sql.isEmpty()) {
            rule = RuleConfig.sql(name, String.valueOf(sql.get("expression")));
        } else if (!correlation.isEmpty()) {
            ManagementRequest c = new ManagementRequest(correlation);
            rule = RuleConfig.correlation(name, new CorrelationFilterSpec(c.string("correlation-id"),
                    c.string("message-id"), c.string("to"), c.string("reply-to"), c.string("label"),
                    c.string("session-id"), c.string("reply-to-session-id"), c.string("content-type"),
                    c.map("properties")));
        } else {
            throw new IllegalArgumentException("add-rule needs a sql-filter or a correlation-filter");
        }
        return rules.add(rule) ? RequestHandler.response(200, "OK", null, Map.of())
                : RequestHandler.response(409, "The rule '" + name + "' already exists on '" + subscriptionPath + "'.",
                        "com.microsoft:entity-already-exists", null);
    }

    Message remove(ManagementRequest r) {
        String name = r.string("rule-name");
        return rules.remove(name) ? RequestHandler.response(200, "OK", null, Map.of())
                : RequestHandler.response(404, notFound.apply(subscriptionPath + "/rules/" + name), "amqp:not-found", null);
    }

    Message enumerate() {
        List<Map<String, Object>> described = new ArrayList<>();
        for (RuleConfig rule : rules.list()) {
            DescribedType description = new UnknownDescribedType(RULE_DESCRIPTION,
                    new ArrayList<>(Arrays.asList(filter(rule), new UnknownDescribedType(EMPTY_ACTION, new ArrayList<>()),
                            rule.name())));
            described.add(Map.of("rule-description", description));
        }
        return described.isEmpty() ? RequestHandler.response(204, "No rules", null, null)
                : RequestHandler.response(200, "OK", null, Map.of("rules", described));
    }

    private static DescribedType filter(RuleConfig rule) {
        if (rule.sqlExpression() != null) {
            return new UnknownDescribedType(SQL_FILTER, new ArrayList<>(List.of(rule.sqlExpression())));
        }
        CorrelationFilterSpec c = rule.correlation();
        if (c == null) {
            return new UnknownDescribedType(TRUE_FILTER, new ArrayList<>());
        }
        return new UnknownDescribedType(CORRELATION_FILTER, new ArrayList<>(Arrays.asList(c.correlationId(),
                c.messageId(), c.to(), c.replyTo(), c.label(), c.sessionId(), c.replyToSessionId(),
                c.contentType(), c.properties())));
    }
}
