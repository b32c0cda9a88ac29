package io.busbridge.campaign;

import java.util.ArrayList;
import java.util.List;

/** Phase 5 (full mode): a long run at half the measured capacity; RSS sampled, its slope reported, no errors. */
final class SoakDrill {

    private final Stage stage;
    private final BridgeProcess bridge;

    SoakDrill(Stage stage, BridgeProcess bridge) {
        this.stage = stage;
        this.bridge = bridge;
    }

    void run(double capacity, double seconds) throws InterruptedException {
        long refusalsBefore = stage.ledger().refusals();
        int violationsBefore = stage.ledger().violations().size();
        int acceptedBefore = stage.ledger().acceptedCount();
        List<double[]> rss = new ArrayList<>();
        long start = System.nanoTime();
        try (SteadyLoad load = SteadyLoad.paced(stage.client(), new Events("k"), 16, capacity / 2)) {
            while (Stage.secondsSince(start) < seconds) {
                Stage.sleep(10);
                rss.add(new double[] {Stage.secondsSince(start) / 60, bridge.rssKb() / 1024.0});
            }
        }
        long errors = stage.ledger().refusals() - refusalsBefore
                + stage.ledger().violations().size() - violationsBefore;
        double slope = slope(rss);
        stage.report().figure("soak %.0f s at %.0f events/s: accepted=%d errors=%d rss %.0f->%.0f MB, slope %.2f MB/min,"
                        + " threads %d", Stage.secondsSince(start), capacity / 2, stage.ledger().acceptedCount() - acceptedBefore,
                errors, rss.get(0)[1], rss.get(rss.size() - 1)[1], slope, bridge.threads());
        stage.report().check(errors == 0, "%d errors during the soak", errors);
        stage.report().check(bridge.alive(), "the bridge died during the soak");
    }

    /** Least-squares slope of y over x. */
    private static double slope(List<double[]> points) {
        double n = points.size();
        double sx = 0, sy = 0, sxy = 0, sxx = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxy += p[0] * p[1];
            sxx += p[0] * p[0];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }
}
