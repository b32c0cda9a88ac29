package io.busbridge.emulator.filter;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A property reference: {@code sys.Name} reads a system property, {@code user.name} or a bare name a user one. */
record SqlProperty(boolean system, String name) implements SqlNode {

    /** System property names a filter may use; Service Bus treats any other {@code sys.} name as an error. */
    static final Set<String> SYSTEM_PROPERTIES = Set.of(
            "MessageId", "CorrelationId", "Label", "To", "ReplyTo", "SessionId", "ReplyToSessionId",
            "ContentType", "SequenceNumber", "EnqueuedTimeUtc", "DeliveryCount", "ScheduledEnqueueTimeUtc",
            "TimeToLive", "ExpiresAtUtc", "PartitionKey", "Size", "EnqueuedSequenceNumber", "DeadLetterSource");

    private static final Map<String, String> CANONICAL_SYSTEM_NAMES = canonicalNames();

    /** @return the system property's canonical spelling, or {@code null} when there is no such property */
    static String systemName(String name) {
        return CANONICAL_SYSTEM_NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Object evaluate(FilterContext message) {
        return system ? message.systemProperty(name) : message.userProperties().get(name);
    }

    /** EXISTS: a user property counts as present even when its value is NULL. */
    boolean existsIn(FilterContext message) {
        return system ? message.systemProperty(name) != null : message.userProperties().containsKey(name);
    }

    private static Map<String, String> canonicalNames() {
        Map<String, String> names = new TreeMap<>();
        SYSTEM_PROPERTIES.forEach(name -> names.put(name.toLowerCase(Locale.ROOT), name));
        return Map.copyOf(names);
    }
}
