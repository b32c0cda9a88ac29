package io.busbridge.emulator.filter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a correlation filter, as in the emulator's {@code Config.json}. A {@code null} field is not set
 * and matches anything; {@code properties} are user properties that must all be present with equal values.
 */
public record CorrelationFilterSpec(
        String correlationId,
        String messageId,
        String to,
        String replyTo,
        String label,
        String sessionId,
        String replyToSessionId,
        String contentType,
        Map<String, Object> properties) {

    public CorrelationFilterSpec {
        // A copy that allows NULL values: a property may be required to be present and NULL.
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
