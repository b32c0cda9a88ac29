package io.busbridge.emulator.auth;

/** Stub until the emu-rules branch lands. */
public class TokenRejectedException extends RuntimeException {
    public TokenRejectedException(String message) {
        super(message);
    }
}
