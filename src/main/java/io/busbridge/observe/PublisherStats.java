package io.busbridge.observe;

import java.beans.ConstructorProperties;

/** One entity's publisher statistics, as JMX shows them. */
public final class PublisherStats {

    private final long published;
    private final long failed;
    private final double meanSeconds;
    private final double maxSeconds;

    @ConstructorProperties({"published", "failed", "meanSeconds", "maxSeconds"})
    public PublisherStats(long published, long failed, double meanSeconds, double maxSeconds) {
        this.published = published;
        this.failed = failed;
        this.meanSeconds = meanSeconds;
        this.maxSeconds = maxSeconds;
    }

    public long getPublished() {
        return published;
    }

    public long getFailed() {
        return failed;
    }

    public double getMeanSeconds() {
        return meanSeconds;
    }

    public double getMaxSeconds() {
        return maxSeconds;
    }
}
