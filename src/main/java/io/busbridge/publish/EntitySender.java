package io.busbridge.publish;

import com.azure.messaging.servicebus.ServiceBusMessage;

import reactor.core.publisher.Mono;

/**
 * Sends to one Service Bus entity ({@link GroupCommitSender}); the seam the {@link Publisher}'s retry
 * layer is written against.
 */
interface EntitySender extends AutoCloseable {

    /** Completes when Service Bus has accepted the message; errors are left to the caller to classify. */
    Mono<Void> send(ServiceBusMessage message);

    @Override
    void close();
}
