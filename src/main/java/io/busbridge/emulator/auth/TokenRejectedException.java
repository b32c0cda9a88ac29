package io.busbridge.emulator.auth;

/** A put-token that must be answered with 401; the message becomes the status description. */
public final class TokenRejectedException extends Exception {

    public TokenRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
