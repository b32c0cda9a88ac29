package io.busbridge.observe;

/** A replay that cannot be done correctly, with the reason an operator reads (409 on the admin API). */
public final class ReplayRefusedException extends RuntimeException {

    public ReplayRefusedException(String message) {
        super(message);
    }
}
