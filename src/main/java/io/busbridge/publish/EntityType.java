package io.busbridge.publish;

import java.util.Locale;

/** Kind of Service Bus entity a route publishes to. */
public enum EntityType {
    QUEUE, TOPIC;

    /** Parses the lower-case name used in the routes ({@code queue} / {@code topic}). */
    public static EntityType parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
