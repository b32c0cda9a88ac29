package io.busbridge.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed-loop callers: each worker delivers one event after another (retrying until 202), optionally paced to
 * a total rate. Stopping lets every worker finish the event it holds, so nothing is left half-delivered.
 */
final class SteadyLoad implements AutoCloseable {

    private static final Duration GIVE_UP = Duration.ofSeconds(90);

    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    private SteadyLoad(EventClient client, Events events, int concurrency, double ratePerSecond) {
        long pauseNanos = ratePerSecond <= 0 ? 0 : (long) (concurrency * 1e9 / ratePerSecond);
        for (int i = 0; i < concurrency; i++) {
            Thread worker = new Thread(() -> work(client, events, pauseNanos), "load-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** As fast as the bridge answers, {@code concurrency} requests at a time. */
    static SteadyLoad unpaced(EventClient client, Events events, int concurrency) {
        return new SteadyLoad(client, events, concurrency, 0);
    }

    /** About {@code ratePerSecond} requests per second in total. */
    static SteadyLoad paced(EventClient client, Events events, int concurrency, double ratePerSecond) {
        return new SteadyLoad(client, events, concurrency, ratePerSecond);
    }

    private void work(EventClient client, Events events, long pauseNanos) {
        long nextStart = System.nanoTime();
        try {
            while (running) {
                client.deliver(events.next(), GIVE_UP);
                if (pauseNanos > 0) {
                    nextStart += pauseNanos;
                    long wait = nextStart - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } else {
                        nextStart = System.nanoTime();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(GIVE_UP.toMillis() + 35_000);
        }
    }
}
