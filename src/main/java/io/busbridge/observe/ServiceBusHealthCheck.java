package io.busbridge.observe;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

/** Readiness: the publisher can reach Service Bus, as the background {@link ServiceBusProbe} last saw it. */
public final class ServiceBusHealthCheck extends ReadinessCheck {

    private final ServiceBusProbe probe;

    public ServiceBusHealthCheck(ServiceBusProbe probe) {
        super("servicebus");
        this.probe = probe;
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
