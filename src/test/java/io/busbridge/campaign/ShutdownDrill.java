package io.busbridge.campaign;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Phase 4: SIGTERM to the bridge while 16 callers post. The bridge must finish what it accepted and exit
 * cleanly; the callers fail over to a new bridge process and retry with the same keys. The broker audit at
 * the end proves that nothing acknowledged by the stopped bridge was lost.
 */
final class ShutdownDrill {

    private final Stage stage;

    ShutdownDrill(Stage stage) {
        this.stage = stage;
    }

    /** Stops {@code bridge} under load and returns its successor, already serving the callers. */
    BridgeProcess run(BridgeProcess bridge, List<String> jvmOptions, Path log) throws Exception {
        BridgeProcess successor;
        try (SteadyLoad load = SteadyLoad.unpaced(stage.client(), new Events("s"), 16)) {
            Stage.sleep(3);
            stage.client().restarting(true);
            long sigterm = System.nanoTime();
            int exit = bridge.terminate(Duration.ofSeconds(45));
            double stopSeconds = Stage.secondsSince(sigterm);
            long acksAfterSigterm = stage.ledger().acksAnsweredBetween(sigterm, System.nanoTime());
            successor = BridgeProcess.start(stage.emulator().connectionString(), jvmOptions, log);
            stage.client().target(successor.port());
            Stage.sleep(3);
            stage.client().restarting(false);
            stage.report().figure("shutdown SIGTERM under load: exit=%d after %.1f s, %d requests acknowledged after"
                    + " SIGTERM", exit, stopSeconds, acksAfterSigterm);
            stage.report().check(exit == 0 || exit == 143, "the bridge exited with %d on SIGTERM (killed: -1)", exit);
        }
        return successor;
    }
}
