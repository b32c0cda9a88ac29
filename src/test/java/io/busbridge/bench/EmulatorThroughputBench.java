package io.busbridge.bench;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Send throughput of the real Azure SDK against the emulator running in its own JVM (started by
 * bench/emulator-throughput.sh). Two modes, each warmed up and then measured for a fixed time: single sends with
 * a fixed number in flight, and batches. Reports acknowledged msgs/s and the CPU both JVMs used meanwhile.
 * A main class in test sources, so {@code mvn verify} never runs it.
 */
public final class EmulatorThroughputBench {

    private record Result(long messages, long failures, double seconds, Throwable firstFailure) {
    }

    private final Map<String, String> options;
    private final BinaryData body;
    private final ProcessCpu clientCpu;
    private final ProcessCpu emulatorCpu;

    private EmulatorThroughputBench(Map<String, String> options) {
        this.options = options;
        byte[] bytes = new byte[intOption("message-bytes")];
        new Random(42).nextBytes(bytes);
        this.body = BinaryData.fromBytes(bytes);
        long ticks = Long.parseLong(options.get("clock-ticks"));
        this.clientCpu = new ProcessCpu(ProcessHandle.current().pid(), ticks);
        this.emulatorCpu = new ProcessCpu(Long.parseLong(options.get("emulator-pid")), ticks);
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>(Map.of(
                "seconds", "20", "warmup-seconds", "5", "message-bytes", "1024",
                "single-in-flight", "64", "batch-size", "100", "batch-in-flight", "4", "clock-ticks", "100"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new EmulatorThroughputBench(options).run();
        System.exit(0); // the SDK's reactor threads are not daemons
    }

    private void run() throws InterruptedException {
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder().connectionString(options.get("connection-string"));
        int batchSize = intOption("batch-size");
        try (ServiceBusSenderAsyncClient single = builder.sender().queueName(options.get("single-queue")).buildAsyncClient();
             ServiceBusSenderAsyncClient batch = builder.sender().queueName(options.get("batch-queue")).buildAsyncClient()) {
            measure("single sends, " + intOption("single-in-flight") + " in flight",
                    intOption("single-in-flight"), 1, () -> single.sendMessage(new ServiceBusMessage(body)));
            measure("batches of " + batchSize + ", " + intOption("batch-in-flight") + " in flight",
                    intOption("batch-in-flight"), batchSize, () -> batch.sendMessages(messages(batchSize)));
        }
    }

    private void measure(String mode, int inFlight, int messagesPerSend, Supplier<Mono<Void>> send)
            throws InterruptedException {
        drive(Duration.ofSeconds(intOption("warmup-seconds")), inFlight, messagesPerSend, send);
        double clientStart = clientCpu.seconds();
        double emulatorStart = emulatorCpu.seconds();
        Result result = drive(Duration.ofSeconds(intOption("seconds")), inFlight, messagesPerSend, send);
        double clientPercent = 100 * (clientCpu.seconds() - clientStart) / result.seconds();
        double emulatorPercent = 100 * (emulatorCpu.seconds() - emulatorStart) / result.seconds();
        System.out.printf("%-32s %9.0f msgs/s  (%d msgs in %.1f s, %d failed sends)  CPU: client %3.0f%%, "
                        + "emulator %3.0f%% (of %d cores)%n",
                mode, result.messages() / result.seconds(), result.messages(), result.seconds(), result.failures(),
                clientPercent, emulatorPercent, Runtime.getRuntime().availableProcessors());
        if (result.firstFailure() != null) {
            System.out.println("  first failure: " + result.firstFailure());
        }
    }

    /** Keeps {@code inFlight} sends outstanding until the time is up, then waits for the last acknowledgements. */
    private static Result drive(Duration duration, int inFlight, int messagesPerSend, Supplier<Mono<Void>> send)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                send.get().subscribe(null, failure -> {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, failure);
                    slots.release();
                }, () -> {
                    acknowledged.addAndGet(messagesPerSend);
                    slots.release();
                });
            }
        }
        // Bounded: the SDK fails a send after its 60 s try timeout at the latest.
        if (!slots.tryAcquire(inFlight, 90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sends still unacknowledged 90 s after the run");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(acknowledged.get(), failures.get(), seconds, firstFailure.get());
    }

    private List<ServiceBusMessage> messages(int count) {
        List<ServiceBusMessage> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(new ServiceBusMessage(body));
        }
        return batch;
    }

    private int intOption(String name) {
        return Integer.parseInt(options.get(name));
    }
}
