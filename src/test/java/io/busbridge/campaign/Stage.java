package io.busbridge.campaign;

import io.busbridge.emulator.ServiceBusEmulator;

/** What every drill works with: the emulator (and its fault controls), the callers and the results. */
record Stage(ServiceBusEmulator emulator, EventClient client, Ledger ledger, Report report, boolean quick) {

    static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
