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

    /** Thread pools (Reactor, Vert.x workers) may keep a few idle threads for a while; more is a leak. */
    private static final int THREAD_SLACK = 4;
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
            for (Fault fault : faults) {
                drill(fault);
            }
        }
    }

    private void drill(Fault fault) throws InterruptedException {
        Ledger ledger = stage.ledger();
        int emulatorPort = stage.emulator().port();
        int threadsBefore = bridge.threads();
        int connectionsBefore = BridgeProcess.connectionsTo(emulatorPort);
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
                        + " threads %d->%d connections %d->%d (settled in %.1f s)",
                fault.name(), fault.holdSeconds(), recovery, ratePerSecondBefore, ratePerSecondDuring,
                ledger.refusals() - refusalsBefore, threadsBefore, settled.threads, connectionsBefore,
                settled.connections, settled.seconds);
        stage.report().recovery(recovery);
        stage.report().check(recovery <= MAX_RECOVERY_S, "fault %s: 202s resumed %.2f s after the broker's return"
                + " (limit %.0f s)", fault.name(), recovery, MAX_RECOVERY_S);
        stage.report().check(settled.threads <= threadsBefore + THREAD_SLACK, "fault %s: bridge threads %d before,"
                + " %d after", fault.name(), threadsBefore, settled.threads);
        stage.report().check(settled.connections <= connectionsBefore, "fault %s: connections to the broker %d"
                + " before, %d after", fault.name(), connectionsBefore, settled.connections);
        stage.report().check(bridge.alive(), "fault %s: bridge process died", fault.name());
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
            threads = bridge.threads();
            connections = BridgeProcess.connectionsTo(emulatorPort);
            if (threads <= threadsBefore + THREAD_SLACK && connections <= connectionsBefore) {
                break;
            }
            Stage.sleep(0.5);
        } while (Stage.secondsSince(start) < patience);
        return new Settled(threads, connections, Stage.secondsSince(start));
    }
}
