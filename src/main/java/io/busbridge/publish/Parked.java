package io.busbridge.publish;

/** A message Service Bus refused for good, now stored in the dead-letter entity. */
public record Parked(String messageId, String deadLetterEntity, String destination, PublishFailure failure) {
}
