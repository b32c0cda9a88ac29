package io.busbridge.publish;

/** Service Bus acknowledged the message: the body of the 202 answer. */
public record Accepted(String messageId, String destination, String entityType) {
}
