package io.busbridge.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;

/**
 * Peeks dead-letter subqueues through the SDK. Peeking neither locks nor removes, so monitoring and listing never
 * change what is in the subqueue. One receiver per entity, kept open; all share the builder's AMQP connection.
 */
public final class DeadLetterQueues implements AutoCloseable {

    private static final int PAGE = 100;

    private final ServiceBusClientBuilder builder;
    private final Map<String, ServiceBusReceiverClient> peekers = new ConcurrentHashMap<>();

    public DeadLetterQueues(ServiceBusClientBuilder builder) {
        this.builder = builder;
    }

    ServiceBusClientBuilder builder() {
        return builder;
    }

    /** Up to {@code max} dead letters of {@code entity}, oldest first. */
    public List<ServiceBusReceivedMessage> peek(String entity, int max) {
        ServiceBusReceiverClient peeker = peekers.computeIfAbsent(entity,
                e -> EntityPath.parse(e).deadLetterReceiver(builder).buildClient());
        List<ServiceBusReceivedMessage> messages = new ArrayList<>();
        long from = 0;
        while (messages.size() < max) {
            int before = messages.size();
            peeker.peekMessages(Math.min(PAGE, max - messages.size()), from).forEach(messages::add);
            if (messages.size() == before) {
                break;
            }
            from = messages.get(messages.size() - 1).getSequenceNumber() + 1;
        }
        return messages;
    }

    public List<DeadLetter> list(String entity, int max) {
        return peek(entity, max).stream().map(DeadLetter::of).toList();
    }

    @Override
    public void close() {
        peekers.values().forEach(ServiceBusReceiverClient::close);
        peekers.clear();
    }
}
