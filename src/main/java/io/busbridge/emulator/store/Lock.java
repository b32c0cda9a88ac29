package io.busbridge.emulator.store;

import java.time.Instant;
import java.util.UUID;

/** A peek-lock on one message; owner is the receiving link, or null for a lock taken through $management. */
public final class Lock {
    final UUID token;
    final StoredMessage message;
    final Object owner;
    Instant lockedUntil;

    Lock(UUID token, StoredMessage message, Object owner, Instant lockedUntil) {
        this.token = token;
        this.message = message;
        this.owner = owner;
        this.lockedUntil = lockedUntil;
    }

    public UUID token() {
        return token;
    }

    public StoredMessage message() {
        return message;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }
}
