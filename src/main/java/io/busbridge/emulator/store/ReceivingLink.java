package io.busbridge.emulator.store;

/** A client's receiving link as a store sees it. Called under the store's lock: implementations only schedule work. */
public interface ReceivingLink {
    /** Messages may be available: pull them on your own event loop. */
    void wake();

    /** The session lock this consumer held expired. */
    void sessionLockLost();
}
