package io.busbridge.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.azure.messaging.servicebus.ServiceBusMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.busbridge.observe.BusbridgeMetrics;
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
 */
public final class Publisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    /** Timings of the retry layer. */
    public record RetrySettings(Duration deadline, Duration backoffInitial, Duration backoffMax) {
    }

    private final ServiceBusConnection connection;
    private final SenderCache senders;
    private final RetrySettings retry;
    private final String deadLetterEntity;
    private final BusbridgeMetrics metrics;

    public Publisher(ServiceBusConnection connection, RetrySettings retry, String deadLetterEntity,
                     BusbridgeMetrics metrics) {
        this.connection = connection;
        this.senders = new SenderCache(connection.builder());
        this.retry = retry;
        this.deadLetterEntity = deadLetterEntity;
        this.metrics = metrics;
    }

    public CompletableFuture<Accepted> publish(Outbound outbound) {
        Target target = outbound.target();
        return send(target.entity(), target.type(), outbound.message())
                .thenApply(done -> new Accepted(outbound.message().getMessageId(), target.entity(), target.type().label()));
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
        return Mono.defer(() -> senders.get(entity, type).send(message))
                .doOnError(e -> {
                    PublishFailure failure = FailureClassifier.classify(e);
                    lastFailure.set(failure);
                    metrics.publishFailed(entity, failure.reason());
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, retry.backoffInitial())
                        .maxBackoff(retry.backoffMax())
                        .filter(e -> FailureClassifier.classify(e).transientFailure()))
                .timeout(retry.deadline())
                .onErrorMap(e -> toPublishException(entity, e, lastFailure.get()))
                .doOnSuccess(done -> metrics.published(entity, Duration.ofNanos(System.nanoTime() - started)))
                .toFuture();
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
        senders.close();
        connection.close();
    }
}
