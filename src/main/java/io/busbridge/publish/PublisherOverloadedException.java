package io.busbridge.publish;

/**
 * The bridge already has as many publishes under way as it allows: the request is refused at once
 * (503 + Retry-After) instead of waiting in a queue. Thrown under load, so it carries no stack trace.
 */
public final class PublisherOverloadedException extends RuntimeException {

    public PublisherOverloadedException(int maxInFlight) {
        super("already " + maxInFlight + " publishes in flight", null, false, false);
    }
}
