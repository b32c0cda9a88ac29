package io.busbridge.campaign;

import java.time.Duration;
import java.util.List;

import io.busbridge.emulator.Faults;

/**
 * Phase 1: Service Bus misbehaves while callers keep posting. For each fault: inject, hold, restore, then
 * measure how long until a request sent after the broker's return gets its 202, and whether the bridge's
 * threads and its connections to the broker come back to where they were.
 */
final class FaultDrills {

    /** Thread pools may keep a few idle threads for a while; more is a leak. */
    private static final int THREAD_SLACK = 4;
    /**
     * Reactor's boundedElastic pool (the SDK reconnects on it) grows during an outage and keeps idle threads for
     * 60 s; it is capped at 10 per core, so it is checked against its cap, and every other thread against its level.
     */
    private static final String ELASTIC = "boundedElastic-"; // the kernel keeps 15 characters of a thread name
    private static final double MAX_RECOVERY_S = 5;

    private record Fault(String name, double holdSeconds, Action inject, Action restore) {
    }

    @FunctionalInterface
    private interface Action {
        void run(Faults faults) throws InterruptedException;
    }

    private final Stage stage;
    private final BridgeProcess bridge;
    private final Duration publishDeadline;

    FaultDrills(Stage stage, BridgeProcess bridge, Duration publishDeadline) {
        this.stage = stage;
        this.bridge = bridge;
        this.publishDeadline = publishDeadline;
    }

    void run() throws InterruptedException {
        double slowAck = publishDeadline.toMillis() / 1000.0 + 1;
        List<Fault> faults = List.of(
                new Fault("outage", 5, Faults::stopListener, Faults::restartListener),
                new Fault("server-busy", stage.quick() ? 3 : 10, f -> {
                    for (String entity : List.of("orders", "orders-express", "payments")) {
                        f.rejectNextSends(entity, stage.quick() ? 100 : 400);
                    }
                }, Faults::reset),
                new Fault("detach-links", 1.5, f -> {
                    f.detachAllLinks();
                    Stage.sleep(0.5);
                    f.detachAllLinks();
                    Stage.sleep(0.5);
                    f.detachAllLinks();
                }, f -> { }),
                new Fault("token-expiry", stage.quick() ? 5 : 15, f -> f.tokenLifetime(Duration.ofSeconds(1)), Faults::reset),
                new Fault("slow-acks", slowAck + 1, f -> f.delayAcks(Duration.ofMillis((long) (slowAck * 1000))),
                        Faults::reset));
        try (SteadyLoad load = SteadyLoad.unpaced(stage.client(), new Events("f"), 8)) {
            Stage.sleep(3);
            int connections = BridgeProcess.connectionsTo(stage.emulator().port());
            for (Fault fault : faults) {
                drill(fault, connections);
            }
        }
    }

    /**
     * @param baselineConnections the bridge's connections before any fault: its health probe reconnects lazily,
     *                            so after one fault it may hold fewer, and after the next one as many again
     */
    private void drill(Fault fault, int baselineConnections) throws InterruptedException {
        Ledger ledger = stage.ledger();
        int emulatorPort = stage.emulator().port();
        java.util.Map<String, Integer> namesBefore = bridge.threadNames();
        int threadsBefore = otherThreads(namesBefore);
        int connectionsBefore = Math.max(baselineConnections, BridgeProcess.connectionsTo(emulatorPort));
        long refusalsBefore = ledger.refusals();
        long start = System.nanoTime();
        double ratePerSecondBefore = ledger.acksAnsweredBetween(start - 2_000_000_000L, start) / 2.0;

        fault.inject().run(stage.emulator().faults());
        Stage.sleep(fault.holdSeconds());
        fault.restore().run(stage.emulator().faults());
        long back = System.nanoTime();
        double ratePerSecondDuring = ledger.acksAnsweredBetween(start, back) / Math.max(0.001, (back - start) / 1e9);

        double recovery = awaitFirstAckAfter(back, 20);
        Settled settled = awaitSettled(threadsBefore, connectionsBefore, emulatorPort);
        stage.report().figure("fault %-12s hold-s=%.1f recovery-s=%.2f 202/s before=%.0f during=%.0f refusals=%d"
                        + " threads %d->%d (+%d boundedElastic) connections %d->%d (settled in %.1f s)",
                fault.name(), fault.holdSeconds(), recovery, ratePerSecondBefore, ratePerSecondDuring,
                ledger.refusals() - refusalsBefore, threadsBefore, settled.threads,
                bridge.threadNames().getOrDefault(ELASTIC, 0), connectionsBefore,
                settled.connections, settled.seconds);
        stage.report().recovery(recovery);
        stage.report().checkTiming(recovery <= MAX_RECOVERY_S, "fault %s: 202s resumed %.2f s after the broker's return"
                + " (limit %.0f s)", fault.name(), recovery, MAX_RECOVERY_S);
        stage.report().check(settled.threads <= threadsBefore + THREAD_SLACK, "fault %s: bridge threads %d before,"
                + " %d after; new: %s", fault.name(), threadsBefore, settled.threads, newThreads(namesBefore));
        int elastic = bridge.threadNames().getOrDefault(ELASTIC, 0);
        stage.report().check(elastic <= ELASTIC_CAP, "fault %s: %d boundedElastic threads (cap %d)", fault.name(),
                elastic, ELASTIC_CAP);
        stage.report().check(settled.connections <= connectionsBefore, "fault %s: connections to the broker %d"
                + " before, %d after", fault.name(), connectionsBefore, settled.connections);
        stage.report().check(bridge.alive(), "fault %s: bridge process died", fault.name());
    }

    private static final int ELASTIC_CAP = 10 * Runtime.getRuntime().availableProcessors();

    private static int otherThreads(java.util.Map<String, Integer> names) {
        return names.entrySet().stream().filter(e -> !e.getKey().equals(ELASTIC)).mapToInt(java.util.Map.Entry::getValue).sum();
    }

    private String newThreads(java.util.Map<String, Integer> before) {
        java.util.Map<String, Integer> grown = new java.util.TreeMap<>();
        bridge.threadNames().forEach((name, n) -> {
            if (n > before.getOrDefault(name, 0)) {
                grown.put(name, n - before.getOrDefault(name, 0));
            }
        });
        return grown.toString();
    }

    /** Seconds from {@code back} until the first 202 of a request sent after it; the wait if none came. */
    private double awaitFirstAckAfter(long back, double patienceSeconds) throws InterruptedException {
        while (Stage.secondsSince(back) < patienceSeconds) {
            Ledger.Ack ack = stage.ledger().firstAckSentAfter(back);
            if (ack != null) {
                return (ack.answeredNanos() - back) / 1e9;
            }
            Stage.sleep(0.05);
        }
        return patienceSeconds;
    }

    private record Settled(int threads, int connections, double seconds) {
    }

    private Settled awaitSettled(int threadsBefore, int connectionsBefore, int emulatorPort) throws InterruptedException {
        long start = System.nanoTime();
        double patience = stage.quick() ? 15 : 60;
        int threads;
        int connections;
        do {
            threads = otherThreads(bridge.threadNames());
            connections = BridgeProcess.connectionsTo(emulatorPort);
            if (threads <= threadsBefore + THREAD_SLACK && connections <= connectionsBefore) {
                break;
            }
            Stage.sleep(0.5);
        } while (Stage.secondsSince(start) < patience);
        return new Settled(threads, connections, Stage.secondsSince(start));
    }
}
