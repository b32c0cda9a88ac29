package io.busbridge.emulator.store;

import java.nio.BufferOverflowException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.message.Message;

/**
 * Writes a stored message as the SDK must receive it (contract §8): a header always (the SDK dereferences it),
 * x-opt-sequence-number as long, timestamps as timestamp, dead-letter facts as application properties.
 */
public final class DeliveryEncoder {
    private static final Symbol SEQUENCE_NUMBER = Symbol.valueOf("x-opt-sequence-number");
    private static final Symbol ENQUEUED_TIME = Symbol.valueOf("x-opt-enqueued-time");
    private static final Symbol LOCKED_UNTIL = Symbol.valueOf("x-opt-locked-until");
    private static final Symbol MESSAGE_STATE = Symbol.valueOf("x-opt-message-state");
    private static final Symbol DEAD_LETTER_SOURCE = Symbol.valueOf("x-opt-deadletter-source");
    private static final long MAX_HEADER_TTL_MILLIS = 0xFFFF_FFFFL;
    private static final int STATE_ACTIVE = 0;
    private static final int STATE_DEFERRED = 1;
    private static final int STATE_SCHEDULED = 2;

    private DeliveryEncoder() {
    }

    /** @param lockedUntil the lock expiry for peek-lock deliveries, null otherwise */
    public static byte[] encode(StoredMessage m, Instant lockedUntil) {
        Message source = m.message;
        Message out = Proton.message();
        Header header = new Header();
        if (source.getHeader() != null) {
            header.setDurable(source.getHeader().getDurable());
            header.setPriority(source.getHeader().getPriority());
        }
        header.setTtl(timeToLive(m));
        header.setDeliveryCount(UnsignedInteger.valueOf(m.deliveryCount));
        out.setHeader(header);

        Map<Symbol, Object> annotations = new HashMap<>();
        if (source.getMessageAnnotations() != null) {
            annotations.putAll(source.getMessageAnnotations().getValue());
        }
        annotations.put(SEQUENCE_NUMBER, m.sequenceNumber);
        if (m.enqueuedTime != null) {
            annotations.put(ENQUEUED_TIME, Date.from(m.enqueuedTime));
        }
        if (lockedUntil != null) {
            annotations.put(LOCKED_UNTIL, Date.from(lockedUntil));
        }
        annotations.put(MESSAGE_STATE, m.deferred ? STATE_DEFERRED : m.enqueuedTime == null ? STATE_SCHEDULED
                : STATE_ACTIVE);
        if (m.deadLetterSource != null) {
            annotations.put(DEAD_LETTER_SOURCE, m.deadLetterSource);
        }
        out.setMessageAnnotations(new MessageAnnotations(annotations));
        out.setProperties(source.getProperties());

        Map<String, Object> applicationProperties = new LinkedHashMap<>();
        if (source.getApplicationProperties() != null) {
            applicationProperties.putAll(source.getApplicationProperties().getValue());
        }
        applicationProperties.putAll(m.brokerProperties);
        out.setApplicationProperties(new ApplicationProperties(applicationProperties));
        out.setBody(source.getBody());
        out.setFooter(source.getFooter());
        return encode(out, m.size + 512);
    }

    /** Encodes any message, growing the buffer when the size hint was too small. */
    /**
     * The TTL in force, as Service Bus reports it: the message's own, or else the entity's default (the SDK shows
     * a missing header TTL as zero). AMQP's header carries at most 2^32-1 ms (49 days); a longer default is left out.
     */
    private static UnsignedInteger timeToLive(StoredMessage m) {
        Header own = m.message.getHeader();
        if (own != null && own.getTtl() != null) {
            return own.getTtl();
        }
        if (m.enqueuedTime == null || m.expiresAt == null) {
            return null;
        }
        long millis = Duration.between(m.enqueuedTime, m.expiresAt).toMillis();
        return millis <= MAX_HEADER_TTL_MILLIS ? UnsignedInteger.valueOf(millis) : null;
    }

    public static byte[] encode(Message message, int sizeHint) {
        for (int capacity = Math.max(sizeHint, 1024); ; capacity *= 2) {
            byte[] buffer = new byte[capacity];
            try {
                int length = message.encode(buffer, 0, capacity);
                return java.util.Arrays.copyOf(buffer, length);
            } catch (BufferOverflowException e) {
                // the broker's annotations made it larger than the hint: try again with more room
            }
        }
    }
}
