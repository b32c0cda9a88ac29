package io.busbridge.observe;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN while the last route file change was refused, with the file and the reason, so a broken
 * edit is seen even though the previous routes keep serving. A good edit brings it back UP.
 */
public final class RouteReloadHealthCheck extends AbstractHealthCheck {

    private final RouteReloadStatus status;

    public RouteReloadHealthCheck(RouteReloadStatus status) {
        super("busbridge", "route-reload");
        this.status = status;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!status.isRefused()) {
            builder.up();
            return;
        }
        builder.detail("file", status.refusedFile()).detail("refusedAt", status.refusedAt().toString())
                .message(status.refusedFile() + " refused, previous routes still serving: " + status.refusedReason())
                .down();
    }
}
