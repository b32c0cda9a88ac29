package io.busbridge.identity;

import java.time.Clock;
import java.time.Instant;

/**
 * The state of the outbound Entra token, for health checks and metrics: when the current token
 * expires, and the last error if the last token request failed. Connection-string mode has no
 * token and is always healthy.
 */
public final class TokenStatus {

    private final Clock clock;
    private volatile Instant expiresAt;
    private volatile String lastError;

    public TokenStatus() {
        this(Clock.systemUTC());
    }

    TokenStatus(Clock clock) {
        this.clock = clock;
    }

    void tokenIssued(Instant expiry) {
        expiresAt = expiry;
        lastError = null;
    }

    void tokenFailed(String error) {
        lastError = error;
    }

    /** Expiry of the last token obtained, or null before the first one (or with a connection string). */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Why the last token request failed (secrets masked), or null when it succeeded. */
    public String lastError() {
        return lastError;
    }

    /** True unless the last token request failed or the last token has expired without a new one. */
    public boolean healthy() {
        Instant expiry = expiresAt;
        return lastError == null && (expiry == null || expiry.isAfter(clock.instant()));
    }
}
