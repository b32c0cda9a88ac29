package io.busbridge.observe;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the publisher can reach Service Bus, as the background {@link ServiceBusProbe} last saw it. */
public final class ServiceBusHealthCheck extends AbstractHealthCheck {

    private final ServiceBusProbe probe;

    public ServiceBusHealthCheck(ServiceBusProbe probe) {
        super("busbridge", "servicebus");
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        return false; // a broker outage is no reason to restart the bridge
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("address", probe.address());
        if (probe.isReachable()) {
            builder.up();
        } else {
            builder.message("Service Bus not reachable: " + probe.problem()).down();
        }
    }
}
