package io.busbridge.publish;

import com.azure.messaging.servicebus.ServiceBusMessage;

import reactor.core.publisher.Mono;

/**
 * Sends to one Service Bus entity. The single seam for send strategies: today one AMQP transfer per
 * message ({@link SingleMessageSender}); a group-commit sender that coalesces concurrent sends into a
 * {@code ServiceBusMessageBatch} implements the same interface and nothing else changes.
 */
interface EntitySender extends AutoCloseable {

    /** Completes when Service Bus has accepted the message; errors are left to the caller to classify. */
    Mono<Void> send(ServiceBusMessage message);

    @Override
    void close();
}
