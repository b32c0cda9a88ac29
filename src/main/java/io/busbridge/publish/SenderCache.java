package io.busbridge.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;

/**
 * One group-commit sender per entity, created on first use and kept open. All senders come from one
 * {@link ServiceBusClientBuilder}, so they share its single AMQP connection.
 */
final class SenderCache implements AutoCloseable {

    private final Map<String, EntitySender> senders = new ConcurrentHashMap<>();
    private final ServiceBusClientBuilder builder;
    private final int maxBatchMessages;
    private final int batchesInFlight;

    SenderCache(ServiceBusClientBuilder builder, int maxBatchMessages, int batchesInFlight) {
        this.builder = builder;
        this.maxBatchMessages = maxBatchMessages;
        this.batchesInFlight = batchesInFlight;
    }

    /** Queue and topic names share one namespace in Service Bus, so the name alone is the key. */
    EntitySender get(String entity, EntityType type) {
        return senders.computeIfAbsent(entity, name -> create(name, type));
    }

    /** Building a client is cheap: the link is opened by the first send. */
    private EntitySender create(String entity, EntityType type) {
        return new GroupCommitSender(type == EntityType.TOPIC
                ? builder.sender().topicName(entity).buildAsyncClient()
                : builder.sender().queueName(entity).buildAsyncClient(), maxBatchMessages, batchesInFlight);
    }

    @Override
    public void close() {
        senders.values().forEach(EntitySender::close);
        senders.clear();
    }
}
