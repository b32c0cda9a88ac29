package io.busbridge.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.busbridge.emulator.ServiceBusEmulator;

/**
 * The reliability campaign (issue 7), run by bench/faults.sh: faults under load, overload, hostile input,
 * graceful shutdown and (full mode) a soak, against the bridge in its own JVM and the emulator in this one.
 * Ends with one summary line and exits 1 if an invariant failed. A main class in test sources, so
 * {@code mvn verify} never runs it.
 */
public final class FaultCampaign {

    /** The Dockerfile's JVM flags, in a container of 512 MiB (MaxRAM stands in for the cgroup limit). */
    private static final List<String> BRIDGE_JVM = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=50",
            "-XX:NewSize=64m", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration PUBLISH_DEADLINE = Duration.ofSeconds(10);

    private FaultCampaign() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Path work = Files.createTempDirectory("busbridge-campaign");
        int exit;
        try (ServiceBusEmulator emulator = ServiceBusEmulator.builder().port(0)
                .config(Path.of("config/servicebus-emulator.json")).build().start()) {
            exit = run(emulator, quick, work) ? 0 : 1;
        }
        System.exit(exit); // the SDK's and HttpClient's threads are not all daemons
    }

    private static boolean run(ServiceBusEmulator emulator, boolean quick, Path work) throws Exception {
        Report report = new Report(!quick);
        Ledger ledger = new Ledger();
        long started = System.nanoTime();
        report.figure("campaign mode=%s cores=%d logs=%s", quick ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(), work);
        BridgeProcess bridge = BridgeProcess.start(emulator.connectionString(), BRIDGE_JVM, work.resolve("bridge-1.log"));
        EventClient client = new EventClient(ledger, bridge.port());
        Stage stage = new Stage(emulator, client, ledger, report, quick);
        int badInput5xx;
        try {
            double capacity = Calibration.capacity(stage, quick ? 4 : 10);
            new FaultDrills(stage, bridge, PUBLISH_DEADLINE).run();
            new OverloadDrill(stage, bridge).run(capacity);
            badInput5xx = new HostileDrill(stage, bridge).run();
            bridge = new ShutdownDrill(stage).run(bridge, BRIDGE_JVM, work.resolve("bridge-2.log"));
            if (!quick) {
                new SoakDrill(stage, bridge).run(capacity, 600);
            }
        } finally {
            client.close();
            bridge.close();
        }
        String summary = audit(stage, emulator, badInput5xx);
        report.figure("answers %s gave-up=%d", ledger.answerCounts(), ledger.gaveUpCount());
        List<String> violations = ledger.violations();
        violations.stream().limit(60).forEach(v -> report.figure("violation %s", v));
        report.check(violations.isEmpty(), "%d answers broke the contract", violations.size());
        report.figure("campaign took %.0f s, %d invariant(s) failed", Stage.secondsSince(started), report.failures().size());
        report.figure("%s", summary);
        return report.failures().isEmpty();
    }

    /** Drains the broker, checks what it holds against what was acknowledged; returns the summary line. */
    private static String audit(Stage stage, ServiceBusEmulator emulator, int badInput5xx) {
        for (String entity : List.of("orders", "orders-express", "payments/subscriptions/ledger", "busbridge-deadletter")) {
            stage.report().figure("stats %s %s", entity, emulator.stats(entity));
        }
        stage.report().figure("accepted by entity %s", stage.ledger().acceptedKeys().stream()
                .collect(Collectors.groupingBy(Events::entityOf, java.util.TreeMap::new, Collectors.counting())));
        BrokerAudit.Contents contents = new BrokerAudit(emulator.connectionString(), stage.report()).drain();
        for (String entity : List.of("orders", "orders-express", "payments/subscriptions/ledger", "busbridge-deadletter")) {
            stage.report().figure("after drain %s %s", entity, emulator.stats(entity));
        }
        Set<String> accepted = stage.ledger().acceptedKeys();
        long lost = accepted.stream().filter(k -> !contents.messageIds().containsKey(k)).count();
        long duplicated = contents.duplicated();
        Set<String> unacknowledged = contents.messageIds().keySet().stream().filter(k -> !accepted.contains(k))
                .collect(Collectors.toSet());
        Report report = stage.report();
        report.figure("broker distinct=%d duplicated=%d unacknowledged=%d parked=%d",
                contents.messageIds().size(), duplicated, unacknowledged.size(), contents.parked());
        report.check(lost == 0, "%d acknowledged messages are not in the broker, e.g. %s", lost,
                accepted.stream().filter(k -> !contents.messageIds().containsKey(k))
                        .collect(Collectors.groupingBy(k -> k.substring(0, k.indexOf('-')) + "/" + Events.entityOf(k),
                                java.util.TreeMap::new, Collectors.counting())));
        report.check(duplicated == 0, "%d messages are in the broker more than once", duplicated);
        report.check(contents.parked() == 0, "%d messages were parked in the dead-letter entity although every fault"
                + " was transient", contents.parked());
        report.check(unacknowledged.stream().noneMatch(k -> k.startsWith("x-")), "hostile requests reached the broker: %s",
                unacknowledged.stream().filter(k -> k.startsWith("x-")).limit(10).toList());
        report.check(badInput5xx == 0, "%d hostile requests were answered with a 5xx", badInput5xx);
        return String.format(java.util.Locale.ROOT, "accepted=%d lost=%d duplicated=%d bad-input-5xx=%d recovery-s=%.2f",
                accepted.size(), lost, duplicated, badInput5xx, report.recoverySeconds());
    }
}
