package io.busbridge.emulator.store;

/** Counts of one store at one moment. */
public record EntityStatsSnapshot(long active, long scheduled, long deferred, long bytes) {
}
