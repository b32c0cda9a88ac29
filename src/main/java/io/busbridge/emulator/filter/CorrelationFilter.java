package io.busbridge.emulator.filter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Matches when every system property the spec sets equals the message's, and every listed user property does. */
final class CorrelationFilter implements MessageFilter {

    private final Map<String, String> systemProperties;
    private final Map<String, Object> userProperties;

    CorrelationFilter(CorrelationFilterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        systemProperties = setFields(spec);
        userProperties = spec.properties();
        if (systemProperties.isEmpty() && userProperties.isEmpty()) {
            throw new IllegalArgumentException("A correlation filter must set at least one of CorrelationId, "
                    + "MessageId, To, ReplyTo, Label, SessionId, ReplyToSessionId, ContentType or Properties");
        }
    }

    @Override
    public boolean matches(FilterContext message) {
        for (Map.Entry<String, String> expected : systemProperties.entrySet()) {
            Object actual = message.systemProperty(expected.getKey());
            // Message ids may arrive as UUID or ulong over AMQP; Service Bus compares their string form.
            if (actual == null || !expected.getValue().equals(String.valueOf(actual))) {
                return false;
            }
        }
        Map<String, Object> actualProperties = message.userProperties();
        for (Map.Entry<String, Object> expected : userProperties.entrySet()) {
            if (!actualProperties.containsKey(expected.getKey())
                    || !sameValue(expected.getValue(), actualProperties.get(expected.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Numbers compare by value across int, long and double, as in SQL filters (config JSON gives Integer). */
    private static boolean sameValue(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        return Boolean.TRUE.equals(SqlValues.equal(expected, actual));
    }

    private static Map<String, String> setFields(CorrelationFilterSpec spec) {
        Map<String, String> fields = new LinkedHashMap<>();
        putIfSet(fields, "CorrelationId", spec.correlationId());
        putIfSet(fields, "MessageId", spec.messageId());
        putIfSet(fields, "To", spec.to());
        putIfSet(fields, "ReplyTo", spec.replyTo());
        putIfSet(fields, "Label", spec.label());
        putIfSet(fields, "SessionId", spec.sessionId());
        putIfSet(fields, "ReplyToSessionId", spec.replyToSessionId());
        putIfSet(fields, "ContentType", spec.contentType());
        return Map.copyOf(fields);
    }

    private static void putIfSet(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
