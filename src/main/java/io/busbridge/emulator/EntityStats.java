package io.busbridge.emulator;

/**
 * Counts of a queue, subscription or topic (a topic sums its subscriptions). Active includes locked messages,
 * as Service Bus counts them; sizes are the encoded bytes clients sent.
 */
public record EntityStats(long activeMessageCount, long deadLetterMessageCount, long scheduledMessageCount,
                          long deferredMessageCount, long sizeInBytes) {
}
