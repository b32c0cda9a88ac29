package io.busbridge.emulator.amqp;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The injected faults links consult; set through {@code ServiceBusEmulator.faults()}. Thread-safe. */
public final class FaultState {
    private final Map<String, AtomicInteger> sendRejections = new ConcurrentHashMap<>();
    private volatile Duration ackDelay = Duration.ZERO;
    private volatile Duration tokenLifetime;

    public void rejectNextSends(String entity, int count) {
        sendRejections.put(entity.toLowerCase(Locale.ROOT), new AtomicInteger(count));
    }

    /** @return true when this send must be rejected (and counts it) */
    boolean takeSendRejection(String entity) {
        AtomicInteger left = sendRejections.get(entity.toLowerCase(Locale.ROOT));
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    public void ackDelay(Duration delay) {
        this.ackDelay = delay;
    }

    Duration ackDelay() {
        return ackDelay;
    }

    /** Tokens expire this long after put-token, whatever their own expiry; null = their own expiry. */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    public void reset() {
        sendRejections.clear();
        ackDelay = Duration.ZERO;
        tokenLifetime = null;
    }
}
