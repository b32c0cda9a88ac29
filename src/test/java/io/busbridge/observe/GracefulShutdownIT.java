package io.busbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import io.busbridge.emulator.EmulatorExtension;
import io.busbridge.it.RunningBridge;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Camel shutdown under load: readiness goes DOWN first, serving goes on, and every 202'd message is in the broker. */
class GracefulShutdownIT {

    private static final int CLIENTS = 8;

    @RegisterExtension
    @Order(1)
    static EmulatorExtension emulator = EmulatorExtension.withConfig("src/test/resources/observe/servicebus-emulator.json");

    @RegisterExtension
    @Order(2)
    static RunningBridge bridge = RunningBridge.withConnectionString(emulator::connectionString)
            .with("busbridge.observe.shutdown-drain-delay", "1s")
            .with("busbridge.deadletter.watched-entities", "");

    @Test
    void shutdownUnderLoadLosesNothing() throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean notReady = new AtomicBoolean();
        AtomicInteger acceptedWhileNotReady = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger orderNumber = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> load = IntStream.range(0, CLIENTS).<Future<?>>mapToObj(i -> clients.submit(() -> {
            while (running.get()) {
                String orderId = "ord-s" + orderNumber.incrementAndGet();
                try {
                    if (postOrder(orderId) == 202) {
                        accepted.add(orderId);
                        if (notReady.get()) {
                            acceptedWhileNotReady.incrementAndGet();
                        }
                    }
                } catch (IllegalStateException connectionRefused) {
                    return; // the HTTP server is gone: shutdown reached the routes
                }
            }
        })).toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 50);
        Thread stopper = new Thread(() -> bridge.camelContext().stop());
        stopper.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Observe.get(bridge, "/health/ready").statusCode() == 503);
        notReady.set(true);
        stopper.join();
        running.set(false);
        for (Future<?> client : load) {
            client.get();
        }
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.SECONDS);

        assertThat(acceptedWhileNotReady.get()).as("still serving while not ready").isPositive();
        assertThat(receiveAll("orders-express", accepted.size())).containsAll(accepted);
    }

    private static Set<String> receiveAll(String queue, int expected) {
        Set<String> ids = new HashSet<>();
        try (ServiceBusReceiverClient receiver = emulator.client().receiver().queueName(queue).buildClient()) {
            int emptyRounds = 0;
            while (emptyRounds < 2) {
                int before = ids.size();
                receiver.receiveMessages(100, Duration.ofSeconds(ids.size() >= expected ? 1 : 5))
                        .forEach(m -> ids.add(m.getMessageId()));
                emptyRounds = ids.size() == before ? emptyRounds + 1 : 0;
            }
        }
        return ids;
    }

    private static int postOrder(String orderId) {
        return bridge.post("/v1/events", """
                {"type":"order.created","orderId":"%s","customerId":"c-3","priority":"high","items":[{"sku":"a","quantity":1}]}"""
                .formatted(orderId)).statusCode();
    }
}
