package io.busbridge.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Phase 2: a burst of ten times the measured capacity, up to 1024 requests in flight. The bridge must stay up
 * within its heap (no OutOfMemoryError), answer what it cannot take with fast 503s, and accept again as soon as
 * the burst is over; the callers then retry what was refused, with the same keys.
 */
final class OverloadDrill {

    static final int MAX_IN_FLIGHT = 1024;
    private static final long FAST_REFUSAL_MS = 1000;

    private final Stage stage;
    private final BridgeProcess bridge;

    OverloadDrill(Stage stage, BridgeProcess bridge) {
        this.stage = stage;
        this.bridge = bridge;
    }

    void run(double capacity) throws Exception {
        int size = (int) Math.max(500, Math.min(stage.quick() ? 5_000 : 20_000, 10 * capacity));
        Events events = new Events("o");
        List<Events.Event> burst = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            burst.add(events.next());
        }
        ConcurrentLinkedQueue<Long> refusedMillis = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> acceptedMillis = new ConcurrentLinkedQueue<>();
        List<Events.Event> refused = Collections.synchronizedList(new ArrayList<>());
        AtomicLong peakRssKb = new AtomicLong(bridge.rssKb());
        long rssBefore = bridge.rssKb();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        Thread sampler = new Thread(() -> sampleRss(peakRssKb), "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        for (Events.Event event : burst) {
            inFlight.acquire();
            long sent = System.nanoTime();
            answers.add(stage.client().attemptAsync(event).whenComplete((ok, error) -> {
                inFlight.release();
                long millis = (System.nanoTime() - sent) / 1_000_000;
                if (Boolean.TRUE.equals(ok)) {
                    acceptedMillis.add(millis);
                } else {
                    refusedMillis.add(millis);
                    refused.add(event);
                }
            }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        long end = System.nanoTime();
        sampler.interrupt();
        double burstSeconds = (end - start) / 1e9;
        double recovery = awaitAckAfter(end);
        retry(refused);

        Report report = stage.report();
        report.figure("overload burst=%d (%.0fx capacity) in %.1f s: 202=%d (p50 %d ms, p99 %d ms) refused=%d"
                        + " (p50 %d ms, p99 %d ms); rss %d->%d MB peak; recovery-s=%.2f",
                size, size / Math.max(1, capacity), burstSeconds, acceptedMillis.size(), percentile(acceptedMillis, 50),
                percentile(acceptedMillis, 99), refusedMillis.size(), percentile(refusedMillis, 50),
                percentile(refusedMillis, 99), rssBefore / 1024, peakRssKb.get() / 1024, recovery);
        stage.report().recovery(recovery);
        report.check(bridge.alive(), "the bridge died under overload");
        report.check(!bridge.logContains("OutOfMemoryError"), "the bridge ran out of heap under overload");
        report.checkTiming(recovery <= 5, "202s resumed %.2f s after the overload burst (limit 5 s)", recovery);
        report.checkTiming(percentile(refusedMillis, 99) <= FAST_REFUSAL_MS, "refusals under overload took %d ms (p99);"
                + " a caller must learn within %d ms that it should come back later", percentile(refusedMillis, 99),
                FAST_REFUSAL_MS);
    }

    private void sampleRss(AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            peak.accumulateAndGet(bridge.rssKb(), Math::max);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private double awaitAckAfter(long end) throws InterruptedException {
        Events probe = new Events("r");
        while (Stage.secondsSince(end) < 30) {
            if (stage.client().attempt(probe.next())) {
                return Stage.secondsSince(end);
            }
            Stage.sleep(0.1);
        }
        return Stage.secondsSince(end);
    }

    /** The callers' second chance: every refused event, same key, until 202. */
    private void retry(List<Events.Event> refused) throws InterruptedException {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        for (Events.Event event : refused) {
            callers.submit(() -> stage.client().deliver(event, Duration.ofSeconds(90)));
        }
        callers.shutdown();
        callers.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
    }

    private static long percentile(ConcurrentLinkedQueue<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
