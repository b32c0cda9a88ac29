package io.busbridge.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The requests one HTTP consumer has taken and not yet answered, so that stopping it can wait for them.
 *
 * <p>Camel's shutdown strategy waits only for exchanges already inside the route. A request the consumer has
 * taken but not yet routed is not one yet: stopping the route under it fails it with a bare 500. Closing first
 * and then waiting here lets those requests finish on the running route. One lock per consumer, taken twice per
 * request: uncontended on two cores and absent from the profiles (see README, Performance).
 */
final class RequestsInProgress {

    private int unanswered;
    private boolean closed;

    /** Counts a request in; false once {@link #closeAndAwait} has begun, so the caller must not take it. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        unanswered++;
        return true;
    }

    synchronized void leave() {
        if (--unanswered == 0) {
            notifyAll();
        }
    }

    synchronized void open() {
        closed = false;
    }

    /**
     * Takes no more requests and waits up to {@code limit} for those taken to be answered.
     *
     * @return how many were still unanswered when the wait ended
     */
    synchronized int closeAndAwait(Duration limit) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + limit.toNanos();
        for (long left = limit.toNanos(); unanswered > 0 && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return unanswered;
    }
}
