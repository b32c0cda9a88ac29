package io.busbridge.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * <p>Messages wait in a lane, in the order they were submitted; a lane has up to {@code batchesInFlight}
 * batches under way, so that a broker a network away (a batch waits a round trip for its
 * acknowledgement) does not cap an entity at one batch per round trip. A batch takes messages of any
 * session, but a session is in at most one batch under way: its later messages wait, in order, until
 * that batch is acknowledged, which keeps each session's order as submitted. (Sending a session's next
 * batch before that would not: azure-core-amqp's ReactorSender takes the sends queued on a link from a
 * priority heap, which does not keep the order of equal priorities.) An idle lane sends the
 * first message at once, so there is no linger and no added latency when the bridge is quiet; while
 * batches are in flight, new messages wait and leave together with the next batch. A batch holds at
 * most {@code maxBatchMessages} messages and never more bytes than the link allows; what does not fit
 * waits for the next batch, in order.
 *
 * <p>Every send completes on its own: when its batch is acknowledged, or with the batch's error,
 * which the caller (the {@link Publisher}) retries or reports per message. A message too large to
 * travel even alone fails by itself without holding up the others.
 *
 * <p>A partitioned entity stores a batch in one partition and refuses (amqp:not-allowed) one whose
 * messages belong to different partitions: a session is a partition, and with duplicate detection on,
 * so is each message without a session (its MessageId picks it). Whether an entity is partitioned takes
 * the Manage right to read, so an entity starts with one lane and narrows, for good, the first time it
 * refuses a batch of several messages: from then on each session has a lane of its own, and a message
 * without a session travels alone. The refused messages fail with the refusal, which the publisher
 * retries like any transient failure; the broker stored none of them (a batch is all or nothing).
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
    /** Lanes with waiting or in-flight messages, by {@link #laneKey}. Guarded by {@code this}. */
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Sessions in a batch under way. Guarded by {@code this}. */
    private final Set<String> sessionsInFlight = new HashSet<>();
    /**
     * Lanes with nothing under way whose waiting messages all belong to sessions under way in another
     * lane (only while an entity narrows); they start again when a batch ends. Guarded by {@code this}.
     */
    private final Set<Lane> stalled = new LinkedHashSet<>();
    /** Set once the entity refused a batch spanning partitions. Guarded by {@code this}. */
    private boolean byPartition;

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
        Lane free;
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(laneKey(pending.message), Lane::new);
            lane.waiting.add(pending);
            if (lane.inFlight == batchesInFlight) {
                return;
            }
            String session = pending.message.getSessionId();
            if (session != null && sessionsInFlight.contains(session)) {
                // it can leave only once its session's batch ends, which starts this lane again
                if (lane.inFlight == 0) {
                    stalled.add(lane);
                }
                return;
            }
            lane.inFlight++;
            stalled.remove(lane);
            free = lane;
        }
        sendNextBatch(free);
    }

    /** One lane for all, until the entity turned out partitioned: then the session, else the MessageId. */
    private String laneKey(ServiceBusMessage message) {
        if (!byPartition) {
            return "";
        }
        return message.getSessionId() != null ? message.getSessionId() : message.getMessageId();
    }

    /**
     * Takes the lane's next messages, in order, skipping (and keeping in place) those of sessions under way
     * in another batch. With nothing to take it ends one of the lane's batch slots.
     */
    private Batch takeNext(Lane lane) {
        synchronized (this) {
            Batch batch = new Batch(lane);
            List<Pending> skipped = new ArrayList<>();
            while (batch.messages.size() < maxBatchMessages && !lane.waiting.isEmpty()) {
                Pending next = lane.waiting.poll();
                String session = next.message.getSessionId();
                if (next.cancelled) {
                    continue;
                }
                if (session != null && !batch.sessions.contains(session) && !sessionsInFlight.add(session)) {
                    skipped.add(next);
                    continue;
                }
                if (session != null) {
                    batch.sessions.add(session);
                }
                batch.messages.add(next);
            }
            putBack(lane, skipped);
            if (!batch.messages.isEmpty()) {
                return batch;
            }
            if (--lane.inFlight == 0 && lane.waiting.isEmpty()) {
                lanes.remove(lane.key);
            } else if (lane.inFlight == 0) {
                stalled.add(lane);
            }
            return null;
        }
    }

    /** Messages go back to the front of the lane, still in their order. */
    private void putBack(Lane lane, List<Pending> messages) {
        synchronized (this) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                lane.waiting.addFirst(messages.get(i));
            }
        }
    }

    /** The batch's sessions may travel again: its lane goes on with its next batch, and so do stalled lanes. */
    private void finish(Batch batch) {
        List<Lane> restarted;
        synchronized (this) {
            sessionsInFlight.removeAll(batch.sessions);
            restarted = new ArrayList<>(stalled);
            stalled.clear();
            restarted.forEach(lane -> lane.inFlight++);
        }
        sendNextBatch(batch.lane);
        restarted.forEach(this::sendNextBatch);
    }

    private void sendNextBatch(Lane lane) {
        Batch batch = takeNext(lane);
        if (batch == null) {
            return;
        }
        client.createMessageBatch().publishOn(scheduler).subscribe(
                sdkBatch -> fillAndSend(batch, sdkBatch),
                error -> {
                    finish(batch);
                    batch.messages.forEach(p -> p.sink.error(error));
                });
    }

    private void fillAndSend(Batch batch, ServiceBusMessageBatch sdkBatch) {
        List<Pending> taken = batch.messages;
        List<Pending> included = new ArrayList<>(taken.size());
        for (int i = 0; i < taken.size(); i++) {
            Pending pending = taken.get(i);
            if (pending.cancelled) {
                continue;
            }
            Fit fit = add(sdkBatch, pending.message);
            if (fit == Fit.ADDED) {
                included.add(pending);
            } else if (fit == Fit.TOO_LARGE) {
                pending.sink.error(tooLarge(sdkBatch));
            } else {
                // their sessions stay under way until this batch ends, so nothing of theirs overtakes them
                putBack(batch.lane, taken.subList(i, taken.size()));
                break;
            }
        }
        if (included.isEmpty()) {
            finish(batch);
            return;
        }
        client.sendMessages(sdkBatch).publishOn(scheduler).subscribe(
                null,
                error -> {
                    if (included.size() > 1 && refusedAsBatch(error)) {
                        narrowToPartitions(error);
                    }
                    finish(batch);
                    included.forEach(p -> p.sink.error(error));
                },
                () -> {
                    finish(batch);
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
        LOG.warn("'{}' refused a batch of several messages ({}): it is partitioned, so from now on a batch holds"
                + " one session's messages and a message without a session is sent alone", client.getEntityPath(),
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
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        /** Batches being formed or awaiting their acknowledgement. */
        int inFlight;

        Lane(String key) {
            this.key = key;
        }
    }

    /** The messages taken for one transfer and the sessions they hold until it ends. */
    private static final class Batch {
        final Lane lane;
        final List<Pending> messages = new ArrayList<>();
        final Set<String> sessions = new HashSet<>();

        Batch(Lane lane) {
            this.lane = lane;
        }
    }
}
