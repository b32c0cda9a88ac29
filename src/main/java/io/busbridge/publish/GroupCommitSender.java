package io.busbridge.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Group commit: concurrent sends to one entity travel together in one {@link ServiceBusMessageBatch}
 * (one AMQP transfer, one acknowledgement) instead of one transfer each.
 *
 * <p>Messages are queued in a lane per session (one lane for messages without a session). A lane
 * of a session has at most one batch in flight, which keeps the session's order as submitted; the
 * lane without a session may have {@code batchesInFlight}, so that a broker a network away (a batch
 * waits a round trip for its acknowledgement) does not cap an entity at one batch per round trip.
 * An idle lane sends the first message at once, so there is no linger and no added latency when the
 * bridge is quiet; while its batches are in flight, new messages wait in the lane and leave together
 * with the next batch as soon as an acknowledgement comes back. A batch holds at most
 * {@code maxBatchMessages} messages and never more bytes than the link allows; what does not fit
 * waits for the next batch, in order.
 *
 * <p>Every send completes on its own: when its batch is acknowledged, or with the batch's error,
 * which the caller (the {@link Publisher}) retries or reports per message. A message too large to
 * travel even alone fails by itself without holding up the others.
 *
 * <p>A partitioned entity stores a batch in one partition and refuses (amqp:not-allowed) one whose messages
 * belong to different partitions: with duplicate detection on, each message without a session is its own
 * partition (its MessageId picks it). Whether an entity is partitioned takes the Manage right to read, so
 * the lanes start by session and narrow, for good, the first time the entity refuses a batch of several
 * messages: from then on a message without a session travels alone, by its MessageId. The refused
 * messages fail with the refusal, which the publisher retries like any transient failure; the broker
 * stored none of them (a batch is all or nothing). Sessions are their own partitions, so their batches
 * stay.
 *
 * <p>Filling a batch (the SDK encodes each message to measure it) and completing the sends (which
 * runs the rest of each request's route) happen on Reactor's parallel scheduler, never on the
 * SDK's single AMQP I/O thread, which would otherwise do all of that work for every request.
 */
final class GroupCommitSender implements EntitySender {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitSender.class);

    private final ServiceBusSenderAsyncClient client;
    private final int maxBatchMessages;
    private final int batchesInFlight;
    private final Scheduler scheduler = Schedulers.parallel();
    /** Set once the entity refused a batch spanning partitions; lanes are then keyed by partition. Guarded by {@code this}. */
    private boolean byPartition;
    /** Lanes with queued or in-flight messages, by {@link #laneKey}. Guarded by {@code this}. */
    private final Map<String, Lane> lanes = new HashMap<>();

    GroupCommitSender(ServiceBusSenderAsyncClient client, int maxBatchMessages, int batchesInFlight) {
        if (maxBatchMessages < 1 || batchesInFlight < 1) {
            throw new IllegalArgumentException("maxBatchMessages and batchesInFlight must be at least 1");
        }
        this.client = client;
        this.maxBatchMessages = maxBatchMessages;
        this.batchesInFlight = batchesInFlight;
    }

    /** A send cancelled before its batch formed (the publish deadline passed) is dropped, never sent late. */
    @Override
    public Mono<Void> send(ServiceBusMessage message) {
        return Mono.create(sink -> {
            Pending pending = new Pending(message, sink);
            sink.onCancel(pending::cancel);
            enqueue(pending);
        });
    }

    private void enqueue(Pending pending) {
        String session = pending.message.getSessionId();
        Lane free;
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(laneKey(pending.message),
                    key -> new Lane(key, session == null ? batchesInFlight : 1));
            lane.waiting.add(pending);
            if (lane.inFlight == lane.maxInFlight) {
                return;
            }
            lane.inFlight++;
            free = lane;
        }
        sendNextBatch(free);
    }

    /** The session, else (once the entity turned out partitioned) the MessageId, else one lane for all. */
    private String laneKey(ServiceBusMessage message) {
        if (message.getSessionId() != null) {
            return message.getSessionId();
        }
        return byPartition ? message.getMessageId() : "";
    }

    /** Takes the next messages of the lane, or ends one of its batch slots (the lane with the last) when nothing waits. */
    private List<Pending> takeNext(Lane lane) {
        synchronized (this) {
            List<Pending> taken = new ArrayList<>(Math.min(lane.waiting.size(), maxBatchMessages));
            while (taken.size() < maxBatchMessages && !lane.waiting.isEmpty()) {
                Pending next = lane.waiting.poll();
                if (!next.cancelled) {
                    taken.add(next);
                }
            }
            if (taken.isEmpty() && --lane.inFlight == 0) {
                lanes.remove(lane.key);
            }
            return taken;
        }
    }

    /** Messages that did not fit go back to the front of the lane, still in their order. */
    private void putBack(Lane lane, List<Pending> left) {
        synchronized (this) {
            for (int i = left.size() - 1; i >= 0; i--) {
                lane.waiting.addFirst(left.get(i));
            }
        }
    }

    private void sendNextBatch(Lane lane) {
        List<Pending> taken = takeNext(lane);
        if (taken.isEmpty()) {
            return;
        }
        client.createMessageBatch().publishOn(scheduler).subscribe(
                batch -> fillAndSend(lane, batch, taken),
                error -> {
                    taken.forEach(p -> p.sink.error(error));
                    sendNextBatch(lane);
                });
    }

    private void fillAndSend(Lane lane, ServiceBusMessageBatch batch, List<Pending> taken) {
        List<Pending> included = new ArrayList<>(taken.size());
        for (int i = 0; i < taken.size(); i++) {
            Pending pending = taken.get(i);
            if (pending.cancelled) {
                continue;
            }
            Fit fit = add(batch, pending.message);
            if (fit == Fit.ADDED) {
                included.add(pending);
            } else if (fit == Fit.TOO_LARGE) {
                pending.sink.error(tooLarge(batch));
            } else {
                putBack(lane, taken.subList(i, taken.size()));
                break;
            }
        }
        if (included.isEmpty()) {
            sendNextBatch(lane);
            return;
        }
        client.sendMessages(batch).publishOn(scheduler).subscribe(
                null,
                error -> {
                    if (included.size() > 1 && refusedAsBatch(error)) {
                        narrowToPartitions(error);
                    }
                    sendNextBatch(lane);
                    included.forEach(p -> p.sink.error(error));
                },
                () -> {
                    sendNextBatch(lane);
                    included.forEach(p -> p.sink.success());
                });
    }

    /** The SDK turns amqp:not-allowed, which a partitioned entity gives a batch spanning partitions, into this. */
    private static boolean refusedAsBatch(Throwable error) {
        return error instanceof ServiceBusException e && e.getCause() instanceof UnsupportedOperationException;
    }

    private void narrowToPartitions(Throwable refusal) {
        synchronized (this) {
            if (byPartition) {
                return;
            }
            byPartition = true;
        }
        LOG.warn("'{}' refused a batch of several messages ({}): it is partitioned, so from now on a message"
                + " without a session is sent alone; sessions keep their batches", client.getEntityPath(),
                refusal.getMessage());
    }

    private enum Fit { ADDED, BATCH_FULL, TOO_LARGE }

    /** The SDK throws for a message that alone exceeds the link's limit, and answers false when the batch is full. */
    private static Fit add(ServiceBusMessageBatch batch, ServiceBusMessage message) {
        try {
            if (batch.tryAddMessage(message)) {
                return Fit.ADDED;
            }
            return batch.getCount() == 0 ? Fit.TOO_LARGE : Fit.BATCH_FULL;
        } catch (ServiceBusException e) {
            return Fit.TOO_LARGE;
        }
    }

    /** The same error the SDK gives for a single message over the link's limit (MESSAGE_SIZE_EXCEEDED). */
    private static ServiceBusException tooLarge(ServiceBusMessageBatch batch) {
        AmqpException cause = new AmqpException(false, AmqpErrorCondition.LINK_PAYLOAD_SIZE_EXCEEDED,
                "the message is larger than the " + batch.getMaxSizeInBytes() + " bytes the link accepts", null);
        return new ServiceBusException(cause, ServiceBusErrorSource.SEND);
    }

    @Override
    public void close() {
        client.close();
    }

    private static final class Pending {
        final ServiceBusMessage message;
        final MonoSink<Void> sink;
        volatile boolean cancelled;

        Pending(ServiceBusMessage message, MonoSink<Void> sink) {
            this.message = message;
            this.sink = sink;
        }

        void cancel() {
            cancelled = true;
        }
    }

    private static final class Lane {
        final String key;
        final int maxInFlight;
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        /** Batches being formed or awaiting their acknowledgement. */
        int inFlight;

        Lane(String key, int maxInFlight) {
            this.key = key;
            this.maxInFlight = maxInFlight;
        }
    }
}
