package io.busbridge.emulator.store;

import io.busbridge.emulator.config.EntityProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The messages of one receivable entity (a queue, a subscription or a dead-letter subqueue): available,
 * locked, deferred and scheduled, with lock, TTL and delivery-count rules. Every method is synchronized and short (no I/O), so event loops of many connections share it safely;
 * consumers are only woken here and pull on their own event loop.
 */
public final class MessageStore {
    private final String path;
    private final EntityProperties properties;
    private final Clock clock;
    private final Consumer<StoredMessage> deadLetterSink;
    private final AvailableMessages available;
    private final Map<UUID, Lock> locks = new HashMap<>();
    private final TreeMap<Long, StoredMessage> deferred = new TreeMap<>();
    private final TreeMap<Long, StoredMessage> scheduled = new TreeMap<>();
    private final SessionTable sessions = new SessionTable();
    private final List<ReceivingLink> consumers = new ArrayList<>();
    private long bytes;

    MessageStore(String path, EntityProperties properties, Clock clock, Consumer<StoredMessage> deadLetterSink) {
        this.path = path;
        this.properties = properties;
        this.clock = clock;
        this.deadLetterSink = deadLetterSink;
        this.available = new AvailableMessages(properties.requiresSession());
    }

    public String path() {
        return path;
    }

    public boolean requiresSession() {
        return properties.requiresSession();
    }

    synchronized long bytes() {
        return bytes;
    }

    /** Makes a message receivable now (its scheduled time, if any, has come). */
    synchronized void enqueue(StoredMessage m) {
        bytes += m.size;
        makeAvailable(m);
    }

    synchronized void schedule(StoredMessage m) {
        bytes += m.size;
        scheduled.put(m.sequenceNumber, m);
    }

    synchronized boolean cancelScheduled(long sequenceNumber) {
        StoredMessage m = scheduled.remove(sequenceNumber);
        if (m != null) {
            bytes -= m.size;
        }
        return m != null;
    }

    public synchronized void addConsumer(ReceivingLink consumer) {
        consumers.add(consumer);
        consumer.wake();
    }

    /** The consumer is gone: its locks are released (not counted as delivery attempts), its session unlocked. */
    public synchronized void removeConsumer(ReceivingLink consumer) {
        consumers.remove(consumer);
        sessions.unlockAll(consumer);
        for (Iterator<Lock> it = locks.values().iterator(); it.hasNext(); ) {
            Lock lock = it.next();
            if (lock.owner == consumer) {
                it.remove();
                putBack(lock.message, false);
            }
        }
    }

    /**
     * Takes the next available message (of the given session, when sessionful).
     * @return a lock (peek-lock) or an unlocked holder of a message already removed (receive-and-delete), or null
     */
    public synchronized Lock acquire(Object owner, String sessionId, boolean peekLock) {
        Instant now = clock.instant();
        for (StoredMessage m = available.takeFirst(sessionId); m != null; m = available.takeFirst(sessionId)) {
            if (m.expired(now)) {
                expire(m);
                continue;
            }
            return peekLock ? lock(m, owner, now) : removed(m);
        }
        return null;
    }

    /** @return false when the lock is unknown or expired (the message lock was lost) */
    public synchronized boolean settle(UUID token, Settlement s) {
        Lock lock = locks.remove(token);
        if (lock == null) {
            return false;
        }
        StoredMessage m = lock.message;
        if (!lock.lockedUntil.isAfter(clock.instant())) {
            putBack(m, true);
            return false;
        }
        m.brokerProperties.putAll(s.propertiesToModify());
        switch (s.kind()) {
            case COMPLETE -> removed(m);
            case ABANDON -> putBack(m, true);
            case RELEASE -> putBack(m, false);
            case DEFER -> {
                m.deferred = true;
                deferred.put(m.sequenceNumber, m);
            }
            case DEAD_LETTER -> deadLetter(m, s.deadLetterReason(), s.deadLetterDescription());
        }
        return true;
    }

    /** @return the new expiry, or null when the lock is unknown or expired */
    public synchronized Instant renewLock(UUID token) {
        Lock lock = locks.get(token);
        Instant now = clock.instant();
        if (lock == null || !lock.lockedUntil.isAfter(now)) {
            return null;
        }
        lock.lockedUntil = now.plus(properties.lockDuration());
        return lock.lockedUntil;
    }

    /** Deferred messages by sequence number; unknown numbers are skipped. */
    public synchronized List<Lock> receiveDeferred(List<Long> sequenceNumbers, String sessionId, boolean peekLock) {
        List<Lock> result = new ArrayList<>();
        Instant now = clock.instant();
        for (long seq : sequenceNumbers) {
            StoredMessage m = deferred.get(seq);
            if (m != null && (sessionId == null || sessionId.equals(m.sessionId()))) {
                deferred.remove(seq);
                result.add(peekLock ? lock(m, null, now) : removed(m));
            }
        }
        return result;
    }

    /** Every message (available, locked, deferred, scheduled) from a sequence number on, in order. */
    public synchronized List<StoredMessage> peek(long fromSequenceNumber, int count, String sessionId) {
        TreeMap<Long, StoredMessage> all = new TreeMap<>();
        List<TreeMap<Long, StoredMessage>> sources = new ArrayList<>(List.of(deferred, scheduled));
        sources.addAll(available.queues(sessionId));
        for (TreeMap<Long, StoredMessage> source : sources) {
            source.tailMap(fromSequenceNumber).values().stream().limit(count)
                    .forEach(m -> all.put(m.sequenceNumber, m));
        }
        locks.values().stream().map(Lock::message).filter(m -> m.sequenceNumber >= fromSequenceNumber)
                .forEach(m -> all.put(m.sequenceNumber, m));
        return all.values().stream()
                .filter(m -> sessionId == null || sessionId.equals(m.sessionId())).limit(count).toList();
    }

    /** Lock expiry, TTL expiry, due scheduled messages, expired session locks. Called by a periodic timer. */
    public synchronized void sweep() {
        Instant now = clock.instant();
        for (Iterator<Lock> it = locks.values().iterator(); it.hasNext(); ) {
            Lock lock = it.next();
            if (!lock.lockedUntil.isAfter(now)) {
                it.remove();
                putBack(lock.message, true);
            }
        }
        while (!scheduled.isEmpty() && !scheduled.firstEntry().getValue().scheduledEnqueueTime().isAfter(now)) {
            StoredMessage m = scheduled.pollFirstEntry().getValue();
            m.enqueuedTime = now;
            m.expiresAt = now.plus(Messages.timeToLive(m.message, properties));
            makeAvailable(m);
        }
        available.takeExpired(now).forEach(this::expire);
        sessions.expire(now);
    }

    public synchronized EntityStatsSnapshot stats() {
        long active = available.count() + locks.values().stream().filter(l -> !l.message.deferred).count();
        long deferredCount = deferred.size() + locks.values().stream().filter(l -> l.message.deferred).count();
        return new EntityStatsSnapshot(active, scheduled.size(), deferredCount, bytes);
    }

    // ---- sessions

    /**
     * Locks the given session, or (sessionId null) the available session with the oldest message.
     * @return the locked session id, or null when none can be locked now
     */
    public synchronized String lockSession(String sessionId, ReceivingLink owner) {
        Instant now = clock.instant();
        String chosen = sessionId != null ? sessionId : available.oldestSession(id -> !sessions.isLockedByOther(id, owner, now));
        if (chosen == null || sessions.isLockedByOther(chosen, owner, now)) {
            return null;
        }
        sessions.lock(chosen, owner, now.plus(properties.lockDuration()));
        return chosen;
    }

    /** @return the session lock's new expiry, or null when the session is not locked */
    public synchronized Instant renewSessionLock(String sessionId) {
        return sessions.renew(sessionId, clock.instant(), clock.instant().plus(properties.lockDuration()));
    }

    public synchronized boolean holdsSession(String sessionId, ReceivingLink consumer) {
        return sessions.isHeldBy(sessionId, consumer, clock.instant());
    }

    public synchronized byte[] sessionState(String sessionId) {
        return sessions.state(sessionId);
    }

    public synchronized void sessionState(String sessionId, byte[] state) {
        sessions.state(sessionId, state);
    }

    // ---- internals (called with the lock held)

    private Lock lock(StoredMessage m, Object owner, Instant now) {
        Lock lock = new Lock(UUID.randomUUID(), m, owner, now.plus(properties.lockDuration()));
        locks.put(lock.token, lock);
        return lock;
    }

    private Lock removed(StoredMessage m) {
        bytes -= m.size;
        return new Lock(UUID.randomUUID(), m, null, null);
    }

    private void makeAvailable(StoredMessage m) {
        available.add(m);
        consumers.forEach(ReceivingLink::wake);
    }

    /** Back to where it was taken from, as a failed delivery attempt when counted. */
    private void putBack(StoredMessage m, boolean countAttempt) {
        if (countAttempt && ++m.deliveryCount >= properties.maxDeliveryCount() && deadLetterSink != null) {
            deadLetter(m, "MaxDeliveryCountExceeded",
                    "Message could not be consumed after " + properties.maxDeliveryCount() + " delivery attempts.");
        } else if (m.deferred) {
            deferred.put(m.sequenceNumber, m);
        } else {
            makeAvailable(m);
        }
    }

    private void expire(StoredMessage m) {
        if (properties.deadLetteringOnMessageExpiration() && deadLetterSink != null) {
            deadLetter(m, "TTLExpiredException", "The message expired and was dead lettered.");
        } else {
            bytes -= m.size;
        }
    }

    private void deadLetter(StoredMessage m, String reason, String description) {
        if (deadLetterSink == null) {
            makeAvailable(m);
            return;
        }
        bytes -= m.size;
        StoredMessage dead = m.copy();
        dead.expiresAt = null;
        if (reason != null) {
            dead.brokerProperties.put("DeadLetterReason", reason);
        }
        if (description != null) {
            dead.brokerProperties.put("DeadLetterErrorDescription", description);
        }
        deadLetterSink.accept(dead);
    }
}
