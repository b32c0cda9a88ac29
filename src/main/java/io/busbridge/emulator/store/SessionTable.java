package io.busbridge.emulator.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Session locks and session state of one session-enabled entity. Guarded by the owning store's lock. */
final class SessionTable {
    private record SessionLock(ReceivingLink owner, Instant lockedUntil) {
    }

    private final Map<String, SessionLock> locks = new HashMap<>();
    private final Map<String, byte[]> states = new HashMap<>();

    boolean isLockedByOther(String sessionId, ReceivingLink consumer, Instant now) {
        SessionLock lock = locks.get(sessionId);
        return lock != null && lock.owner() != consumer && lock.lockedUntil().isAfter(now);
    }

    boolean isHeldBy(String sessionId, ReceivingLink consumer, Instant now) {
        SessionLock lock = locks.get(sessionId);
        return lock != null && lock.owner() == consumer && lock.lockedUntil().isAfter(now);
    }

    Instant lock(String sessionId, ReceivingLink owner, Instant until) {
        locks.put(sessionId, new SessionLock(owner, until));
        return until;
    }

    /** @return the new expiry, or null when the session is not locked (any more). */
    Instant renew(String sessionId, Instant now, Instant until) {
        SessionLock lock = locks.get(sessionId);
        if (lock == null || !lock.lockedUntil().isAfter(now)) {
            return null;
        }
        locks.put(sessionId, new SessionLock(lock.owner(), until));
        return until;
    }

    void unlockAll(ReceivingLink owner) {
        locks.values().removeIf(lock -> lock.owner() == owner);
    }

    /** Drops expired session locks and tells their owners. */
    void expire(Instant now) {
        for (Iterator<SessionLock> it = locks.values().iterator(); it.hasNext(); ) {
            SessionLock lock = it.next();
            if (!lock.lockedUntil().isAfter(now)) {
                it.remove();
                if (lock.owner() != null) {
                    lock.owner().sessionLockLost();
                }
            }
        }
    }

    byte[] state(String sessionId) {
        return states.get(sessionId);
    }

    void state(String sessionId, byte[] state) {
        if (state == null) {
            states.remove(sessionId);
        } else {
            states.put(sessionId, state);
        }
    }
}
