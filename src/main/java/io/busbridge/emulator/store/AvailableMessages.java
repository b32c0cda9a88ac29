package io.busbridge.emulator.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The messages of a store that a receiver may take now, by session id ("" when the entity has no sessions),
 * each session in sequence order. Guarded by the owning store's lock.
 */
final class AvailableMessages {
    private static final String NO_SESSION = "";

    private final boolean sessionful;
    private final Map<String, TreeMap<Long, StoredMessage>> bySession = new HashMap<>();
    /**
     * The same messages that have a time to live, soonest expiry first: the sweep, every 100 ms under the
     * store's lock, takes the expired ones without scanning the others (a scan of every message held
     * the lock for milliseconds once a store had 100,000 messages).
     */
    private final TreeSet<StoredMessage> byExpiry = new TreeSet<>(
            Comparator.comparing((StoredMessage m) -> m.expiresAt).thenComparingLong(m -> m.sequenceNumber));

    AvailableMessages(boolean sessionful) {
        this.sessionful = sessionful;
    }

    void add(StoredMessage m) {
        bySession.computeIfAbsent(sessionKey(m), k -> new TreeMap<>()).put(m.sequenceNumber, m);
        if (m.expiresAt != null) {
            byExpiry.add(m);
        }
    }

    /** Takes the oldest message of the session (null: of an entity without sessions), or returns null. */
    StoredMessage takeFirst(String sessionId) {
        TreeMap<Long, StoredMessage> queue = bySession.get(sessionId == null ? NO_SESSION : sessionId);
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        StoredMessage m = queue.pollFirstEntry().getValue();
        if (m.expiresAt != null) {
            byExpiry.remove(m);
        }
        return m;
    }

    private String sessionKey(StoredMessage m) {
        return sessionful && m.sessionId() != null ? m.sessionId() : NO_SESSION;
    }

    long count() {
        return bySession.values().stream().mapToLong(TreeMap::size).sum();
    }

    /** The queues peek looks at: all of them, or the given session's. */
    Collection<TreeMap<Long, StoredMessage>> queues(String sessionId) {
        if (sessionId == null) {
            return bySession.values();
        }
        TreeMap<Long, StoredMessage> queue = bySession.get(sessionId);
        return queue == null ? List.of() : List.of(queue);
    }

    /** Removes and returns the messages whose time to live is over. */
    List<StoredMessage> takeExpired(Instant now) {
        List<StoredMessage> expired = new ArrayList<>();
        while (!byExpiry.isEmpty() && byExpiry.first().expired(now)) {
            StoredMessage m = byExpiry.pollFirst();
            bySession.get(sessionKey(m)).remove(m.sequenceNumber);
            expired.add(m);
        }
        return expired;
    }

    /** The session with messages, among those the predicate accepts, whose oldest message is oldest; or null. */
    String oldestSession(Predicate<String> acceptable) {
        String oldest = null;
        long oldestSequenceNumber = Long.MAX_VALUE;
        for (Map.Entry<String, TreeMap<Long, StoredMessage>> e : bySession.entrySet()) {
            String id = e.getKey();
            TreeMap<Long, StoredMessage> queue = e.getValue();
            if (!id.isEmpty() && !queue.isEmpty() && queue.firstKey() < oldestSequenceNumber && acceptable.test(id)) {
                oldest = id;
                oldestSequenceNumber = queue.firstKey();
            }
        }
        return oldest;
    }
}
