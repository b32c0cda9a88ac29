package io.busbridge.emulator.filter;

import java.util.Map;

/**
 * A message as subscription rules see it.
 *
 * <p>System property names are the ones Service Bus filters use: {@code MessageId}, {@code CorrelationId},
 * {@code Label}, {@code To}, {@code ReplyTo}, {@code SessionId}, {@code ReplyToSessionId}, {@code ContentType},
 * {@code SequenceNumber}, {@code EnqueuedTimeUtc}, {@code DeliveryCount}, {@code ScheduledEnqueueTimeUtc}, and the
 * less common {@code TimeToLive}, {@code ExpiresAtUtc}, {@code PartitionKey}, {@code Size},
 * {@code EnqueuedSequenceNumber}, {@code DeadLetterSource}. A property the message does not carry is {@code null}.
 */
public interface FilterContext {

    /** @return the system property's value, or {@code null} when the message has none */
    Object systemProperty(String name);

    /** @return the application properties (never {@code null}) */
    Map<String, Object> userProperties();
}
