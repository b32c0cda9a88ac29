package io.busbridge.observe;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness: DOWN while the last route file change was refused, with the file and the reason, so a broken
 * edit is seen even though the previous routes keep serving. A good edit brings it back UP.
 */
public final class RouteReloadHealthCheck extends ReadinessCheck {

    private final RouteReloadStatus status;

    public RouteReloadHealthCheck(RouteReloadStatus status) {
        super("route-reload");
        this.status = status;
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
