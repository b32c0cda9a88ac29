package io.busbridge.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.azure.messaging.servicebus.ServiceBusMessage;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.busbridge.observe.BusbridgeMetrics;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Publishes to Service Bus and answers only once Service Bus has acknowledged.
 *
 * <p>This is the only retry layer: the SDK is configured with no retries and a short try-timeout,
 * and transient failures are retried here with exponential backoff until the publish deadline,
 * after which the caller gets {@link PublishUnavailableException} (503). Permanent failures end
 * at once with {@link PermanentPublishException} and the routes park the message with {@link #park}.
 * The methods return futures so that no thread waits for Service Bus.
 *
 * <p>At most {@code maxInFlight} publishes are under way at once; beyond that a publish fails at
 * once with {@link PublisherOverloadedException} (503 + Retry-After) rather than queueing, so memory
 * stays bounded however hard the bridge is pushed. Concurrent publishes to one entity share AMQP
 * transfers through group commit ({@link GroupCommitSender}).
 */
public final class Publisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    /** Timings of the retry layer. */
    public record RetrySettings(Duration deadline, Duration backoffInitial, Duration backoffMax) {
    }

    /**
     * @param maxInFlight      publishes under way at once before new ones are refused
     * @param maxBatchMessages messages one group-commit batch may hold (bytes are bounded by the link)
     * @param batchesInFlight  group-commit batches under way at once to one entity (a session is in one at a
     *                         time, for its order)
     * @param sendEnabled      false only to measure the HTTP ceiling: every step runs except the send
     *                         itself, which is taken as acknowledged at once
     */
    public record Options(int maxInFlight, int maxBatchMessages, int batchesInFlight, boolean sendEnabled) {
    }

    private final ServiceBusConnection connection;
    private final SenderCache senders;
    private final RetrySettings retry;
    private final String deadLetterEntity;
    private final BusbridgeMetrics metrics;
    private final Options options;
    private final Semaphore inFlight;
    /**
     * Ends publishes at their deadline. Reactor's {@code timeout} scheduled a task per publish on a shared
     * executor's locked queue and walked the operator chain for a description: about 5 % of the bridge's
     * CPU. A wheel timer takes a deadline and its cancellation in constant time, to within its 10 ms tick.
     */
    private final HashedWheelTimer deadlines = new HashedWheelTimer(
            new DefaultThreadFactory("busbridge-publish-deadlines", true), 10, TimeUnit.MILLISECONDS);

    public Publisher(ServiceBusConnection connection, RetrySettings retry, Options options, String deadLetterEntity,
                     BusbridgeMetrics metrics) {
        this.connection = connection;
        this.senders = new SenderCache(connection.builder(), options.maxBatchMessages(), options.batchesInFlight());
        this.retry = retry;
        this.options = options;
        this.inFlight = new Semaphore(options.maxInFlight());
        this.deadLetterEntity = deadLetterEntity;
        if (!options.sendEnabled()) {
            LOG.warn("busbridge.publish.enabled=false: requests are answered 202 WITHOUT being published"
                    + " (for measuring the HTTP ceiling only)");
        }
        this.metrics = metrics;
    }

    public CompletableFuture<Accepted> publish(Outbound outbound) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(new PublisherOverloadedException(options.maxInFlight()));
        }
        Target target = outbound.target();
        if (!options.sendEnabled()) {
            inFlight.release();
            return CompletableFuture.completedFuture(accepted(outbound));
        }
        Context caller = Vertx.currentContext();
        CompletableFuture<Accepted> answer = new CompletableFuture<>();
        send(target.entity(), target.type(), outbound.message()).whenComplete((done, error) -> {
            inFlight.release();
            if (caller == null) {
                settle(answer, outbound, error);
            } else {
                caller.runOnContext(v -> settle(answer, outbound, error));
            }
        });
        return answer;
    }

    /**
     * Completing the answer runs the rest of the caller's route. Called from an HTTP request's event loop, it
     * completes there: the thread that completes a batch then only hands its requests back, and goes on to fill
     * the next batches instead of running every request's remaining steps one after the other.
     */
    private static void settle(CompletableFuture<Accepted> answer, Outbound outbound, Throwable error) {
        if (error == null) {
            answer.complete(accepted(outbound));
        } else {
            answer.completeExceptionally(error);
        }
    }

    private static Accepted accepted(Outbound outbound) {
        Target target = outbound.target();
        return new Accepted(outbound.message().getMessageId(), target.entity(), target.type().label());
    }

    /** Publishes under way now (waiting for an acknowledgement or a retry). */
    public int inFlight() {
        return options.maxInFlight() - inFlight.availablePermits();
    }

    /**
     * Stores a message Service Bus refused for good in the dead-letter entity, with the reason. If that
     * fails too, the caller must retry ({@link PublishUnavailableException}), unless the message itself
     * is the problem: one too large for its destination is too large to park as well, and retrying
     * would never help, so the refusal is passed on ({@link PermanentPublishException}).
     */
    public CompletableFuture<Parked> park(Outbound refused, Throwable refusal) {
        PublishFailure failure = FailureClassifier.unwrap(refusal) instanceof PermanentPublishException p
                ? p.failure() : FailureClassifier.classify(refusal);
        ServiceBusMessage parked = DeadLetterMessage.of(refused, failure);
        return send(deadLetterEntity, EntityType.QUEUE, parked)
                .handle((done, error) -> {
                    if (error != null && failure.blame() == PublishFailure.Blame.CONTENT
                            && FailureClassifier.unwrap(error) instanceof PermanentPublishException) {
                        throw new PermanentPublishException(refused.target().entity(), failure, error);
                    }
                    if (error != null) {
                        throw new PublishUnavailableException("message refused by '" + refused.target().entity()
                                + "' (" + failure.reason() + ") and could not be parked", error);
                    }
                    LOG.warn("Parked message {} in '{}': '{}' refused it with {}", parked.getMessageId(),
                            deadLetterEntity, refused.target().entity(), failure.reason());
                    return new Parked(parked.getMessageId(), deadLetterEntity, refused.target().entity(), failure);
                });
    }

    private CompletableFuture<Void> send(String entity, EntityType type, ServiceBusMessage message) {
        AtomicReference<PublishFailure> lastFailure = new AtomicReference<>();
        long started = System.nanoTime();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Disposable attempts = Mono.defer(() -> senders.get(entity, type).send(message))
                .doOnError(e -> {
                    PublishFailure failure = FailureClassifier.classify(e);
                    lastFailure.set(failure);
                    metrics.publishFailed(entity, failure.reason());
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, retry.backoffInitial())
                        .maxBackoff(retry.backoffMax())
                        .filter(e -> FailureClassifier.classify(e).transientFailure()))
                .subscribe(null,
                        error -> sent.completeExceptionally(toPublishException(entity, error, lastFailure.get())),
                        () -> {
                            metrics.published(entity, Duration.ofNanos(System.nanoTime() - started));
                            sent.complete(null);
                        });
        Timeout deadline = deadlines.newTimeout(expired -> {
            attempts.dispose(); // no further attempt: the caller is told to retry
            sent.completeExceptionally(toPublishException(entity, new TimeoutException(), lastFailure.get()));
        }, retry.deadline().toNanos(), TimeUnit.NANOSECONDS);
        sent.whenComplete((done, error) -> deadline.cancel());
        return sent;
    }

    private static Throwable toPublishException(String entity, Throwable error, PublishFailure last) {
        if (error instanceof TimeoutException) {
            String reason = last == null ? "no acknowledgement" : last.reason();
            return new PublishUnavailableException("Service Bus did not accept the message for '" + entity
                    + "' within the publish deadline (last error: " + reason + ")", error);
        }
        PublishFailure failure = FailureClassifier.classify(error);
        return failure.transientFailure()
                ? new PublishUnavailableException("Service Bus unavailable for '" + entity + "'", error)
                : new PermanentPublishException(entity, failure, error);
    }

    @Override
    public void close() {
        deadlines.stop();
        senders.close();
        connection.close();
    }
}
