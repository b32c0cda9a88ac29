package io.busbridge.campaign;

/** How many events per second this bridge acknowledges on this machine, with 32 callers. */
final class Calibration {

    private Calibration() {
    }

    static double capacity(Stage stage, double seconds) throws InterruptedException {
        Ledger ledger = stage.ledger();
        try (SteadyLoad warmUp = SteadyLoad.unpaced(stage.client(), new Events("w"), 32)) {
            Stage.sleep(2);
        }
        long start = System.nanoTime();
        try (SteadyLoad load = SteadyLoad.unpaced(stage.client(), new Events("c"), 32)) {
            Stage.sleep(seconds);
        }
        double capacity = ledger.acksAnsweredBetween(start, System.nanoTime()) / Stage.secondsSince(start);
        stage.report().figure("capacity %.0f events/s (32 callers, %.0f s)", capacity, seconds);
        return capacity;
    }
}
