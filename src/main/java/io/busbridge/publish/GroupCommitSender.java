package io.busbridge.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;
import com.azure.messaging.servicebus.models.CreateMessageBatchOptions;

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
 * most {@code maxBatchMessages} messages and never more bytes than the link allows or than
 * {@link #MAX_BATCH_BYTES}; what does not fit waits for the next batch, in order.
 *
 * <p>Every send completes on its own: when its batch is acknowledged, or with the batch's error,
 * which the caller (the {@link Publisher}) retries or reports per message. A message too large for a
 * batch travels alone, so the link's own limit decides: one over it fails by itself without holding up
 * the others.
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
    /**
     * Service Bus takes a batch of at most 1 MiB even where the link takes larger single messages (Premium
     * with large messages): it detaches the link of a publisher that sends a larger batch.
     */
    static final int MAX_BATCH_BYTES = 1024 * 1024;

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
    /** Set from the first batch: the link's size, capped at {@link #MAX_BATCH_BYTES}. */
    private volatile CreateMessageBatchOptions batchOptions;
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
        createBatch().publishOn(scheduler).subscribe(
                sdkBatch -> fillAndSend(batch, sdkBatch),
                error -> {
                    finish(batch);
                    batch.messages.forEach(p -> p.sink.error(error));
                });
    }

    /** A batch of the link's size, but never over {@link #MAX_BATCH_BYTES}; the link's size is known from the first. */
    private Mono<ServiceBusMessageBatch> createBatch() {
        CreateMessageBatchOptions options = batchOptions;
        if (options != null) {
            return client.createMessageBatch(options);
        }
        return client.createMessageBatch().flatMap(fitted -> {
            int limit = Math.min(fitted.getMaxSizeInBytes(), MAX_BATCH_BYTES);
            batchOptions = new CreateMessageBatchOptions().setMaximumSizeInBytes(limit);
            return limit == fitted.getMaxSizeInBytes() ? Mono.just(fitted) : client.createMessageBatch(batchOptions);
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
            if (fits(sdkBatch, pending.message)) {
                included.add(pending);
                continue;
            }
            // their sessions stay under way until this transfer ends, so nothing of theirs overtakes them
            putBack(batch.lane, taken.subList(included.isEmpty() ? i + 1 : i, taken.size()));
            if (included.isEmpty()) {
                // too large for any batch: it travels alone, and the SDK checks it against the link's size
                transfer(batch, client.sendMessage(pending.message), List.of(pending));
                return;
            }
            break;
        }
        if (included.isEmpty()) {
            finish(batch);
            return;
        }
        transfer(batch, client.sendMessages(sdkBatch), included);
    }

    /** The SDK answers false when the batch is full, and throws when the message alone is larger than the batch may be. */
    private static boolean fits(ServiceBusMessageBatch batch, ServiceBusMessage message) {
        try {
            return batch.tryAddMessage(message);
        } catch (ServiceBusException e) {
            return false;
        }
    }

    /** Sends; when the broker answers, the batch's lane goes on and each message's sender learns the outcome. */
    private void transfer(Batch batch, Mono<Void> send, List<Pending> included) {
        send.publishOn(scheduler).subscribe(
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
