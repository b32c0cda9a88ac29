package io.busbridge.emulator.filter;

import java.util.Map;

/** Correlation filter fields. Stub until the emu-rules branch lands. */
public record CorrelationFilterSpec(String correlationId, String messageId, String to, String replyTo, String label,
                                    String sessionId, String replyToSessionId, String contentType,
                                    Map<String, Object> properties) {
}
