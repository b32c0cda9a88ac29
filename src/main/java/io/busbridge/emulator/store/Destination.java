package io.busbridge.emulator.store;

import io.busbridge.emulator.config.EntityProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An entity clients send to: a queue or a topic. Assigns sequence numbers and enqueued times, applies TTL,
 * duplicate detection, the size cap and scheduled enqueue times; subclasses decide where messages go.
 */
public abstract class Destination {
    protected final String name;
    protected final EntityProperties properties;
    protected final Clock clock;
    private final DuplicateDetector duplicates;
    private long nextSequenceNumber = 1;

    Destination(String name, EntityProperties properties, Clock clock) {
        this.name = name;
        this.properties = properties;
        this.clock = clock;
        this.duplicates = new DuplicateDetector(properties.duplicateDetectionHistoryTimeWindow());
    }

    public String name() {
        return name;
    }

    /**
     * Accepts a whole transfer (one message or a batch) or none of it.
     * @return the sequence numbers assigned (duplicates dropped silently, as Service Bus does, get none)
     * @throws SendRejectedException when a message breaks an entity rule or the size cap is reached
     */
    public synchronized List<Long> send(List<IncomingMessage> batch) {
        long total = 0;
        for (IncomingMessage in : batch) {
            if (requiresSessionId() && isBlank(in.message().getGroupId())) {
                throw new SendRejectedException("com.microsoft:argument-error", "The SessionId was not set on a "
                        + "message, and it cannot be sent to the entity '" + name + "' which requires sessions.");
            }
            total += in.size();
        }
        if (properties.enablePartitioning() && batch.size() > 1 && spansPartitions(batch)) {
            throw new SendRejectedException("amqp:not-allowed", properties.requiresDuplicateDetection()
                    ? "Batching brokered messages with distinct SessionId, PartitionKey, or MessageId is not supported"
                            + " for an entity with partitioning and duplicate detection enabled."
                    : "Batching brokered messages with distinct SessionId or PartitionKey is not supported for an"
                            + " entity with partitioning enabled.");
        }
        if (bytes() + total > properties.maxSizeInBytes()) {
            throw new SendRejectedException("amqp:resource-limit-exceeded", "The maximum entity size of "
                    + properties.maxSizeInMegabytes() + " MB has been reached for '" + name + "'.");
        }
        Instant now = clock.instant();
        List<Long> sequenceNumbers = new ArrayList<>();
        for (IncomingMessage in : batch) {
            StoredMessage m = new StoredMessage(in.message(), in.size(), nextSequenceNumber);
            if (properties.requiresDuplicateDetection() && duplicates.isDuplicate(m.messageId(), now)) {
                continue;
            }
            nextSequenceNumber++;
            sequenceNumbers.add(m.sequenceNumber);
            Instant scheduledTime = m.scheduledEnqueueTime();
            if (scheduledTime != null && scheduledTime.isAfter(now)) {
                schedule(m);
            } else {
                m.enqueuedTime = now;
                m.expiresAt = now.plus(Messages.timeToLive(m.message, properties));
                deliver(m);
            }
        }
        return sequenceNumbers;
    }

    /**
     * Service Bus stores a batch in one partition, chosen by the PartitionKey, else the SessionId, else (with
     * duplicate detection, which is kept per partition) the MessageId; a batch whose messages would go to
     * different partitions is refused whole.
     */
    private boolean spansPartitions(List<IncomingMessage> batch) {
        Object first = partitionOf(batch.get(0));
        return batch.stream().skip(1).anyMatch(in -> !Objects.equals(first, partitionOf(in)));
    }

    private Object partitionOf(IncomingMessage in) {
        Object key = StoredMessage.partitionKey(in.message());
        if (key == null) {
            key = in.message().getGroupId();
        }
        if (key == null && properties.requiresDuplicateDetection()) {
            key = in.message().getMessageId();
        }
        return key;
    }

    /** Removes a message scheduled earlier; false when there is none with that number. */
    public abstract boolean cancelScheduled(long sequenceNumber);

    /** The stores a receiver can attach to, keyed by their address (lower-case). */
    abstract void registerStores(java.util.Map<String, MessageStore> byAddress);

    abstract boolean requiresSessionId();

    abstract long bytes();

    abstract void schedule(StoredMessage m);

    abstract void deliver(StoredMessage m);

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
