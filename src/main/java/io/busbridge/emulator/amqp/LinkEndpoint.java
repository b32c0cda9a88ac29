package io.busbridge.emulator.amqp;

import org.apache.qpid.proton.engine.Delivery;

/** What the broker does with one attached link; kept as the proton-j link's context. Runs on the connection's event loop. */
interface LinkEndpoint {
    void onDelivery(Delivery delivery);

    default void onFlow() {
    }

    /** The link is gone (detached, closed, or its connection lost): release what it holds. */
    default void onClosed() {
    }

    /** The entity path whose token authorizes this link, or null when it needs none. */
    default String authorizedPath() {
        return null;
    }
}
