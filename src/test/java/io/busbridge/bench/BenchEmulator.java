package io.busbridge.bench;

import io.busbridge.emulator.ServiceBusEmulator;
import java.nio.file.Path;

/**
 * Runs the emulator alone in this JVM for bench/emulator-throughput.sh: {@code BenchEmulator CONFIG}. Takes a
 * free port, prints the connection string, and runs until the script stops it. Stands in for EmulatorMain,
 * which the emu-core branch has not shipped yet.
 */
public final class BenchEmulator {

    private BenchEmulator() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceBusEmulator emulator = ServiceBusEmulator.builder().port(0).config(Path.of(args[0])).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.println(emulator.connectionString());
        Thread.currentThread().join();
    }
}
