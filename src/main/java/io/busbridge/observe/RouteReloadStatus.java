package io.busbridge.observe;

import java.time.Instant;

/** The outcome of the last route file change, shared by the reload strategy, its health check and JMX. */
public final class RouteReloadStatus {

    private final BusbridgeMetrics metrics;
    private volatile String refusedFile;
    private volatile String refusedReason;
    private volatile Instant refusedAt;

    public RouteReloadStatus(BusbridgeMetrics metrics) {
        this.metrics = metrics;
    }

    void failed(String file, String reason) {
        refusedFile = file;
        refusedReason = reason;
        refusedAt = Instant.now();
        metrics.routeReloadFailed();
    }

    void succeeded() {
        refusedFile = null;
        refusedReason = null;
        refusedAt = null;
    }

    /** True while the last change was refused (and no good change came after it). */
    public boolean isRefused() {
        return refusedReason != null;
    }

    public String refusedFile() {
        return refusedFile;
    }

    public String refusedReason() {
        return refusedReason;
    }

    public Instant refusedAt() {
        return refusedAt;
    }
}
