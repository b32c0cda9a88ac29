package io.busbridge.emulator.store;

import io.busbridge.emulator.filter.FilterContext;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.message.Message;

/**
 * One message in one entity. The client's {@link Message} is shared (a topic hands the same one to every
 * subscription) and never mutated; what the broker adds lives in these fields and is written out by
 * {@link DeliveryEncoder}.
 */
public final class StoredMessage implements FilterContext {
    private static final Symbol SCHEDULED_ENQUEUE_TIME = Symbol.valueOf("x-opt-scheduled-enqueue-time");
    private static final Symbol PARTITION_KEY = Symbol.valueOf("x-opt-partition-key");

    final Message message;
    final int size;
    final long sequenceNumber;
    Instant enqueuedTime;
    Instant expiresAt;
    int deliveryCount;
    boolean deferred;
    String deadLetterSource;
    /** Application properties the broker set: dead-letter reason, properties modified on abandon/defer. */
    final Map<String, Object> brokerProperties = new LinkedHashMap<>();

    StoredMessage(Message message, int size, long sequenceNumber) {
        this.message = message;
        this.size = size;
        this.sequenceNumber = sequenceNumber;
    }

    /** A copy for another entity (a subscription, a dead-letter queue, a forward target). */
    StoredMessage copy() {
        StoredMessage c = new StoredMessage(message, size, sequenceNumber);
        c.enqueuedTime = enqueuedTime;
        c.expiresAt = expiresAt;
        c.deliveryCount = deliveryCount;
        c.deadLetterSource = deadLetterSource;
        c.brokerProperties.putAll(brokerProperties);
        return c;
    }

    public long sequenceNumber() {
        return sequenceNumber;
    }

    public String sessionId() {
        return message.getGroupId();
    }

    public String messageId() {
        Object id = message.getMessageId();
        return id == null ? null : id.toString();
    }

    /** When the client asked for it to appear (x-opt-scheduled-enqueue-time), or null. */
    public Instant scheduledEnqueueTime() {
        return annotation(SCHEDULED_ENQUEUE_TIME) instanceof Date date ? date.toInstant() : null;
    }

    /** The partition key the client set (x-opt-partition-key), or null. */
    static Object partitionKey(Message message) {
        return annotation(message, PARTITION_KEY);
    }

    private Object annotation(Symbol key) {
        return annotation(message, key);
    }

    private static Object annotation(Message message, Symbol key) {
        return message.getMessageAnnotations() == null ? null : message.getMessageAnnotations().getValue().get(key);
    }

    boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    @Override
    public Object systemProperty(String name) {
        Properties p = message.getProperties() == null ? new Properties() : message.getProperties();
        return switch (name) {
            case "MessageId" -> messageId();
            case "CorrelationId" -> p.getCorrelationId() == null ? null : p.getCorrelationId().toString();
            case "Label" -> p.getSubject();
            case "To" -> p.getTo();
            case "ReplyTo" -> p.getReplyTo();
            case "SessionId" -> p.getGroupId();
            case "ReplyToSessionId" -> p.getReplyToGroupId();
            case "ContentType" -> p.getContentType() == null ? null : p.getContentType().toString();
            case "SequenceNumber" -> sequenceNumber;
            case "EnqueuedTimeUtc" -> enqueuedTime == null ? null : Date.from(enqueuedTime);
            case "DeliveryCount" -> deliveryCount;
            case "ScheduledEnqueueTimeUtc" -> scheduledEnqueueTime() == null ? null : Date.from(scheduledEnqueueTime());
            case "ExpiresAtUtc" -> expiresAt == null ? null : Date.from(expiresAt);
            case "Size" -> (long) size;
            case "PartitionKey" -> partitionKey(message);
            case "DeadLetterSource" -> deadLetterSource;
            default -> null;
        };
    }

    @Override
    public Map<String, Object> userProperties() {
        Map<String, Object> all = new LinkedHashMap<>();
        if (message.getApplicationProperties() != null) {
            all.putAll(message.getApplicationProperties().getValue());
        }
        all.putAll(brokerProperties);
        return all;
    }
}
