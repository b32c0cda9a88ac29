package io.busbridge.emulator.auth;

/** A token that does not authorize; the message is safe to log and never holds the token or its signature. */
public final class TokenRejectedException extends RuntimeException {

    public TokenRejectedException(String message) {
        super(message);
    }
}
