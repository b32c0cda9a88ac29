package io.busbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;

import io.busbridge.publish.EntityType;
import io.busbridge.publish.MessageHeaders;
import io.busbridge.publish.MessageMapping;

/**
 * Baseline (a) of bench/run.sh: what the broker path allows. The real SDK sends the bench events
 * (same 1 KiB bodies, same MessageId/Subject/SessionId/properties as the bridge's mapping, same
 * entities) one message per send, with as many sends in flight as wrk has connections, on one
 * connection with a sender per entity — the shape the bridge's publisher has, without HTTP or Camel.
 * Prints one {@code key=value} line that run.sh turns into a table row.
 */
public final class DirectSdkBench {

    private record Window(long sent, long failed, double seconds, long[] latenciesNanos, Throwable firstFailure) {
    }

    private final Map<String, String> options;
    private final List<BenchEvents.Event> events;
    private final MessageMapping mapping = new MessageMapping();
    private final AtomicLong sequence = new AtomicLong();
    private final int customers;

    private DirectSdkBench(Map<String, String> options) {
        this.options = options;
        this.events = BenchEvents.load(Path.of(options.get("schemas")));
        this.customers = Integer.parseInt(options.get("customers"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("seconds", "20", "warmup-seconds", "5",
                "in-flight", "256", "schemas", "config/schemas", "clock-ticks", "100", "customers", "0"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new DirectSdkBench(options).run();
        System.exit(0); // the SDK's reactor threads are not daemons
    }

    private void run() throws Exception {
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder().connectionString(options.get("connection-string"));
        Map<String, ServiceBusSenderAsyncClient> senders = new HashMap<>();
        for (BenchEvents.Event event : events) {
            senders.computeIfAbsent(event.target().entity(), entity -> event.target().type() == EntityType.TOPIC
                    ? builder.sender().topicName(entity).buildAsyncClient()
                    : builder.sender().queueName(entity).buildAsyncClient());
        }
        int inFlight = Integer.parseInt(options.get("in-flight"));
        drive(senders, inFlight, Integer.parseInt(options.get("warmup-seconds")));
        long ticks = Long.parseLong(options.get("clock-ticks"));
        ProcessCpu self = new ProcessCpu(ProcessHandle.current().pid(), ticks);
        ProcessCpu emulator = new ProcessCpu(Long.parseLong(options.get("emulator-pid")), ticks);
        double selfStart = self.seconds();
        double emulatorStart = emulator.seconds();
        Window window = drive(senders, inFlight, Integer.parseInt(options.get("seconds")));
        long[] latencies = window.latenciesNanos();
        Arrays.sort(latencies);
        System.out.printf("rps=%.0f p50_ms=%.2f p99_ms=%.2f ok=%d failed=%d cpu_server=%.0f cpu_emulator=%.0f"
                        + " hwm_mb=%d%n",
                window.sent() / window.seconds(), percentile(latencies, 50), percentile(latencies, 99),
                window.sent(), window.failed(),
                100 * (self.seconds() - selfStart) / window.seconds(),
                100 * (emulator.seconds() - emulatorStart) / window.seconds(), peakRssMegabytes());
        if (window.firstFailure() != null) {
            System.out.println("first failure: " + window.firstFailure());
        }
        senders.values().forEach(ServiceBusSenderAsyncClient::close);
    }

    /** Keeps {@code inFlight} sends outstanding for the given time; every acknowledged send records its latency. */
    private Window drive(Map<String, ServiceBusSenderAsyncClient> senders, int inFlight, int seconds)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        long[] latencies = new long[seconds * 30_000];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        Throwable[] firstFailure = new Throwable[1];
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long n = sequence.getAndIncrement();
            BenchEvents.Event event = events.get((int) (n % events.size()));
            ServiceBusMessage message = message(event, n);
            long sentAt = System.nanoTime();
            senders.get(event.target().entity()).sendMessage(message).subscribe(null, failure -> {
                failed.incrementAndGet();
                firstFailure[0] = failure;
                slots.release();
            }, () -> {
                int i = recorded.getAndIncrement();
                if (i < latencies.length) {
                    latencies[i] = System.nanoTime() - sentAt;
                }
                slots.release();
            });
        }
        if (!slots.tryAcquire(inFlight, 90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sends still unacknowledged 90 s after the run");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int count = Math.min(recorded.get(), latencies.length);
        return new Window(recorded.get(), failed.get(), elapsed, Arrays.copyOf(latencies, count), firstFailure[0]);
    }

    /**
     * The message the bridge's mapping builds for this event, with a unique id as the bridge would get and
     * the customer (session) bench/post-events.lua would send.
     */
    private ServiceBusMessage message(BenchEvents.Event event, long n) {
        String id = String.format("d%0" + (BenchEvents.ID_LENGTH - 1) + "d", n);
        String customer = BenchEvents.customer(n, events.size(), customers);
        MessageHeaders headers = new MessageHeaders(null, "bench-" + id, null, null, null, null, null);
        ServiceBusMessage message = mapping.toMessage(event.body(id, customer), event.json(), headers, event.target());
        message.setMessageId(id);
        if (event.target().sessionField() != null) {
            message.setSessionId(customer);
        }
        return message;
    }

    private static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static long peakRssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
