package io.busbridge.observe;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A busbridge check that counts for readiness only: what it watches (Service Bus, the credential, a route edit,
 * shutdown) is a reason to stop sending traffic, never to restart the bridge.
 */
abstract class ReadinessCheck extends AbstractHealthCheck {

    ReadinessCheck(String id) {
        super("busbridge", id);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }
}
