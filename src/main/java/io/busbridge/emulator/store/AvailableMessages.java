package io.busbridge.emulator.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The messages of a store that a receiver may take now, by session id ("" when the entity has no sessions),
 * each session in sequence order. Guarded by the owning store's lock.
 */
final class AvailableMessages {
    private static final String NO_SESSION = "";

    private final boolean sessionful;
    private final Map<String, TreeMap<Long, StoredMessage>> bySession = new HashMap<>();
    /** No message expires before this; lets the periodic sweep skip the scan. */
    private Instant nextExpiry = Instant.MAX;

    AvailableMessages(boolean sessionful) {
        this.sessionful = sessionful;
    }

    void add(StoredMessage m) {
        String key = sessionful && m.sessionId() != null ? m.sessionId() : NO_SESSION;
        bySession.computeIfAbsent(key, k -> new TreeMap<>()).put(m.sequenceNumber, m);
        if (m.expiresAt != null && m.expiresAt.isBefore(nextExpiry)) {
            nextExpiry = m.expiresAt;
        }
    }

    /** Takes the oldest message of the session (null: of an entity without sessions), or returns null. */
    StoredMessage takeFirst(String sessionId) {
        TreeMap<Long, StoredMessage> queue = bySession.get(sessionId == null ? NO_SESSION : sessionId);
        return queue == null || queue.isEmpty() ? null : queue.pollFirstEntry().getValue();
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
        if (now.isBefore(nextExpiry)) {
            return expired;
        }
        nextExpiry = Instant.MAX;
        for (TreeMap<Long, StoredMessage> queue : bySession.values()) {
            for (Iterator<StoredMessage> it = queue.values().iterator(); it.hasNext(); ) {
                StoredMessage m = it.next();
                if (m.expired(now)) {
                    it.remove();
                    expired.add(m);
                } else if (m.expiresAt != null && m.expiresAt.isBefore(nextExpiry)) {
                    nextExpiry = m.expiresAt;
                }
            }
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
