package io.busbridge.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.busbridge.emulator.ServiceBusEmulator;
import io.busbridge.identity.IdentitySettings;
import io.busbridge.identity.ServiceBusClientFactory;
import io.busbridge.observe.BusbridgeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Group commit through the real SDK and the emulator: concurrent publishes share batches, yet each
 * one completes, fails and retries on its own, sessions keep their order, and batches respect the
 * link's size limit. The emulator's link limit is lowered to 32 KiB so that 1 KiB messages need
 * several batches.
 */
class GroupCommitTest {

    private static final int LINK_LIMIT = 32 * 1024;
    private static final int CONCURRENT = 100;
    private static final byte[] BODY_1_KIB = new byte[1024];

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static ServiceBusEmulator emulator;
    private static Publisher publisher;

    @BeforeAll
    static void start() {
        Arrays.fill(BODY_1_KIB, (byte) 'x');
        emulator = ServiceBusEmulator.builder().host("127.0.0.1").port(0).maxMessageSizeBytes(LINK_LIMIT)
                .config(Path.of("src/test/resources/emulator/test-entities.json")).build().start();
        publisher = publisher(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        publisher.close();
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().reset();
    }

    @Test
    void everyPublishCompletesWithItsOwnAcknowledgementAndArrivesOnce() {
        List<CompletableFuture<Accepted>> sent = publishAll("basic", null, CONCURRENT, "each");

        List<String> acknowledged = sent.stream().map(CompletableFuture::join).map(Accepted::messageId).toList();
        assertThat(acknowledged).doesNotHaveDuplicates().hasSize(CONCURRENT);
        assertThat(messageIds(receive("basic", null, CONCURRENT + 1)))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    @Test
    void aRejectedBatchIsRetriedRequestByRequestAndNothingIsDuplicated() {
        // Slow acknowledgements make the waiting publishes leave as one batch behind the first;
        // the broker refuses both transfers (server-busy), so every request must retry by itself.
        emulator.faults().delayAcks(Duration.ofMillis(100)).rejectNextSends("basic", 2);
        List<CompletableFuture<Accepted>> sent = publishAll("basic", null, CONCURRENT, "retried");

        List<String> acknowledged = sent.stream().map(CompletableFuture::join).map(Accepted::messageId).toList();
        assertThat(messageIds(receive("basic", null, CONCURRENT + 1)))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    @Test
    void whenTheBrokerKeepsRejectingEachRequestFailsOnItsOwnAndTheEntityRecovers() {
        emulator.faults().rejectNextSends("max-delivery", Integer.MAX_VALUE);
        try (Publisher impatient = publisher(Duration.ofSeconds(1))) {
            List<CompletableFuture<Accepted>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(impatient.publish(outbound("max-delivery", null, "refused-" + i)));
            }
            assertThat(sent).allSatisfy(future -> assertThat(causeOf(future))
                    .isInstanceOf(PublishUnavailableException.class));

            emulator.faults().reset();
            Accepted after = impatient.publish(outbound("max-delivery", null, "after-recovery")).join();
            assertThat(messageIds(receive("max-delivery", null, 30))).contains(after.messageId());
        }
    }

    @Test
    void concurrentPublishesToOneSessionArriveInSubmitOrder() {
        emulator.faults().delayAcks(Duration.ofMillis(20));
        List<CompletableFuture<Accepted>> sent = publishAll("sessions", "customer-1", CONCURRENT, "ordered");

        List<String> submitted = sent.stream().map(CompletableFuture::join).map(Accepted::messageId).toList();
        assertThat(messageIds(receive("sessions", "customer-1", CONCURRENT + 1))).containsExactlyElementsOf(submitted);
    }

    @Test
    void interleavedPublishesToManySessionsArriveInEachSessionsSubmitOrder() {
        emulator.faults().delayAcks(Duration.ofMillis(20));
        Map<String, List<CompletableFuture<Accepted>>> sent = publishInterleaved("sessions", "interleaved", 4, 25);

        sent.forEach((session, publishes) -> {
            List<String> submitted = publishes.stream().map(CompletableFuture::join).map(Accepted::messageId).toList();
            assertThat(messageIds(receive("sessions", session, publishes.size() + 1))).as(session)
                    .containsExactlyElementsOf(submitted);
        });
    }

    @Test
    void withoutASessionTheNextBatchLeavesBeforeThePreviousIsAcknowledged() {
        emulator.faults().delayAcks(Duration.ofSeconds(1)); // within the SDK try-timeout (2 s)
        long before = emulator.stats("basic").activeMessageCount();
        CompletableFuture<Accepted> first = publisher.publish(outbound("basic", null, "pipelined-1"));
        awaitMessages("basic", before + 1);
        CompletableFuture<Accepted> second = publisher.publish(outbound("basic", null, "pipelined-2"));
        awaitMessages("basic", before + 2);

        assertThat(first).as("the first batch is still unacknowledged when the second arrives").isNotDone();
        assertThat(List.of(first.join().messageId(), second.join().messageId()))
                .containsExactly("pipelined-1", "pipelined-2");
        assertThat(messageIds(receive("basic", null, 3))).containsExactlyInAnyOrder("pipelined-1", "pipelined-2");
    }

    @Test
    void aSessionsNextBatchWaitsForThePreviousAcknowledgement() {
        emulator.faults().delayAcks(Duration.ofMillis(500));
        long before = emulator.stats("sessions").activeMessageCount();
        CompletableFuture<Accepted> first = publisher.publish(outbound("sessions", "customer-2", "in-turn-1"));
        awaitMessages("sessions", before + 1);
        CompletableFuture<Accepted> second = publisher.publish(outbound("sessions", "customer-2", "in-turn-2"));
        awaitMessages("sessions", before + 2);

        assertThat(first).as("the first batch was acknowledged before the second left").isDone();
        assertThat(second.join().messageId()).isEqualTo("in-turn-2");
        assertThat(messageIds(receive("sessions", "customer-2", 3))).containsExactly("in-turn-1", "in-turn-2");
    }

    @Test
    void aPartitionedEntityRefusesOneMixedBatchAndThenGetsEachMessageAloneWithNothingLostOrDuplicated() {
        // With partitioning and duplicate detection each message without a session is its own partition.
        emulator.faults().delayAcks(Duration.ofMillis(20)); // so that waiting publishes form batches
        List<CompletableFuture<Accepted>> sent = publishAll("partitioned", null, CONCURRENT, "first");
        List<String> acknowledged = new ArrayList<>(sent.stream().map(CompletableFuture::join).map(Accepted::messageId).toList());
        double refusedBefore = failures("partitioned");

        sent = publishAll("partitioned", null, CONCURRENT, "then");
        sent.stream().map(CompletableFuture::join).map(Accepted::messageId).forEach(acknowledged::add);

        assertThat(refusedBefore).as("the first refusal narrowed the lanes").isPositive();
        assertThat(failures("partitioned")).as("no batch refused after that").isEqualTo(refusedBefore);
        assertThat(messageIds(receive("partitioned", null, 2 * CONCURRENT + 1)))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    @Test
    void aPartitionedEntityTakesASessionsBatchesInOrder() {
        emulator.faults().delayAcks(Duration.ofMillis(20));
        double refusedBefore = failures("partitioned-sessions");
        List<CompletableFuture<Accepted>> sent = publishAll("partitioned-sessions", "customer-3", CONCURRENT, "kept");

        List<String> submitted = sent.stream().map(CompletableFuture::join).map(Accepted::messageId).toList();
        assertThat(failures("partitioned-sessions")).as("one session's batch is one partition").isEqualTo(refusedBefore);
        assertThat(messageIds(receive("partitioned-sessions", "customer-3", CONCURRENT + 1)))
                .containsExactlyElementsOf(submitted);
    }

    @Test
    void aPartitionedEntityWithSessionsRefusesOneMixedBatchThenKeepsEachSessionsOrder() {
        emulator.faults().delayAcks(Duration.ofMillis(20));
        publishInterleaved("partitioned-sessions", "mixed", 12, 10).values()
                .forEach(publishes -> publishes.forEach(CompletableFuture::join));
        double refusedBefore = failures("partitioned-sessions");

        Map<String, List<CompletableFuture<Accepted>>> sent = publishInterleaved("partitioned-sessions", "narrowed", 3, 20);

        sent.forEach((session, publishes) -> {
            List<String> submitted = publishes.stream().map(CompletableFuture::join).map(Accepted::messageId).toList();
            assertThat(messageIds(receive("partitioned-sessions", session, publishes.size() + 1))).as(session)
                    .containsExactlyElementsOf(submitted);
        });
        assertThat(refusedBefore).as("a batch mixing sessions was refused once").isPositive();
        assertThat(failures("partitioned-sessions")).as("no batch refused after that").isEqualTo(refusedBefore);
    }

    @Test
    void whereTheLinkTakesLargeMessagesABatchStaysWithin1MiBAndALargerMessageTravelsAlone() {
        // Premium with large messages: the link takes 4 MiB, Service Bus takes batches only up to 1 MiB.
        try (ServiceBusEmulator premium = ServiceBusEmulator.builder().host("127.0.0.1").port(0)
                     .maxMessageSizeBytes(4 * 1024 * 1024)
                     .config(Path.of("src/test/resources/emulator/test-entities.json")).build().start();
             Publisher publisher = publisher(premium, Duration.ofSeconds(10))) {
            premium.faults().delayAcks(Duration.ofMillis(20)); // so that waiting publishes form batches
            double failedBefore = failures("basic");
            List<CompletableFuture<Accepted>> sent = new ArrayList<>();
            for (int i = 0; i < 16; i++) { // 3.2 MiB in all
                sent.add(publisher.publish(new Outbound(target("basic", null), message("large-" + i, new byte[200 * 1024]))));
            }
            sent.add(publisher.publish(new Outbound(target("basic", null), message("alone", new byte[2 * 1024 * 1024]))));

            List<String> acknowledged = sent.stream().map(CompletableFuture::join).map(Accepted::messageId).toList();
            assertThat(failures("basic")).as("no batch refused").isEqualTo(failedBefore);
            assertThat(messageIds(receive(premium, "basic", null, sent.size() + 1)))
                    .containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    @Test
    void batchesSplitAtTheLinkSizeLimitAndAnOversizedMessageFailsAlone() {
        // 100 x 1 KiB is about three times the 32 KiB link limit: at least four batches.
        List<CompletableFuture<Accepted>> sent = publishAll("dedupe", null, CONCURRENT / 2, "split-a");
        CompletableFuture<Accepted> oversized = publisher.publish(new Outbound(target("dedupe", null),
                message("oversized", new byte[LINK_LIMIT + 1])));
        sent.addAll(publishAll("dedupe", null, CONCURRENT / 2, "split-b"));

        assertThat(causeOf(oversized)).isInstanceOf(PermanentPublishException.class)
                .satisfies(e -> assertThat(((PermanentPublishException) e).failure().reason())
                        .isEqualTo("MESSAGE_SIZE_EXCEEDED"));
        List<String> acknowledged = sent.stream().map(CompletableFuture::join).map(Accepted::messageId).toList();
        assertThat(messageIds(receive("dedupe", null, CONCURRENT + 1)))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    private static Publisher publisher(Duration deadline) {
        return publisher(emulator, deadline);
    }

    private static Publisher publisher(ServiceBusEmulator broker, Duration deadline) {
        IdentitySettings identity = IdentitySettings.from(key -> null).withConnectionString(broker.connectionString());
        return new Publisher(ServiceBusConnection.of(new ServiceBusClientFactory(identity), Duration.ofSeconds(2)),
                new Publisher.RetrySettings(deadline, Duration.ofMillis(50), Duration.ofMillis(200)),
                new Publisher.Options(10_000, 128, 4, true), "busbridge-deadletter", new BusbridgeMetrics(METERS));
    }

    /** Send attempts to the entity that failed, as busbridge_publish_failures counts them. */
    private static double failures(String entity) {
        return METERS.find("busbridge.publish.failures").tag("entity", entity).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Waits until the broker holds this many messages on the queue, acknowledged or not. */
    private static void awaitMessages(String queue, long count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.stats(queue).activeMessageCount() >= count);
    }

    /** Submitted one after the other from this thread, without waiting: all are in flight together. */
    private static List<CompletableFuture<Accepted>> publishAll(String queue, String session, int count, String prefix) {
        List<CompletableFuture<Accepted>> sent = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> sent.add(publisher.publish(outbound(queue, session, prefix + "-" + i))));
        return sent;
    }

    /** Round after round, one publish to each session in turn, all in flight together; by session, in submit order. */
    private static Map<String, List<CompletableFuture<Accepted>>> publishInterleaved(String queue, String prefix,
                                                                                   int sessions, int rounds) {
        Map<String, List<CompletableFuture<Accepted>>> sent = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < sessions; i++) {
                String session = prefix + "-" + i;
                sent.computeIfAbsent(session, key -> new ArrayList<>())
                        .add(publisher.publish(outbound(queue, session, session + "-" + round)));
            }
        }
        return sent;
    }

    private static Outbound outbound(String queue, String session, String messageId) {
        ServiceBusMessage message = message(messageId, BODY_1_KIB);
        message.setSessionId(session);
        return new Outbound(target(queue, session), message);
    }

    private static ServiceBusMessage message(String messageId, byte[] body) {
        ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromBytes(body));
        message.setMessageId(messageId);
        message.setContentType("application/octet-stream");
        return message;
    }

    private static Target target(String queue, String session) {
        return new Target(queue, EntityType.QUEUE, session == null ? null : "customerId", null, List.of());
    }

    private static Throwable causeOf(CompletableFuture<?> future) {
        try {
            future.join();
            throw new AssertionError("expected the publish to fail");
        } catch (CompletionException e) {
            return FailureClassifier.unwrap(e);
        }
    }

    /** Everything on the queue (or session), received and deleted with the real SDK. */
    private static List<ServiceBusReceivedMessage> receive(String queue, String session, int max) {
        return receive(emulator, queue, session, max);
    }

    private static List<ServiceBusReceivedMessage> receive(ServiceBusEmulator broker, String queue, String session,
                                                           int max) {
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder().connectionString(broker.connectionString());
        if (session == null) {
            try (ServiceBusReceiverClient receiver = builder.receiver().queueName(queue)
                    .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
                return drain(receiver, max);
            }
        }
        try (var sessions = builder.sessionReceiver().queueName(queue)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient();
             ServiceBusReceiverClient receiver = sessions.acceptSession(session)) {
            return drain(receiver, max);
        }
    }

    /** Receives until a receive call comes back empty, so nothing the publisher sent is missed. */
    private static List<ServiceBusReceivedMessage> drain(ServiceBusReceiverClient receiver, int max) {
        List<ServiceBusReceivedMessage> all = new ArrayList<>();
        while (all.size() < max) {
            List<ServiceBusReceivedMessage> got = StreamSupport.stream(
                    receiver.receiveMessages(max - all.size(), Duration.ofSeconds(2)).spliterator(), false).toList();
            if (got.isEmpty()) {
                break;
            }
            all.addAll(got);
        }
        return all;
    }

    private static List<String> messageIds(List<ServiceBusReceivedMessage> messages) {
        return messages.stream().map(ServiceBusReceivedMessage::getMessageId).toList();
    }
}
