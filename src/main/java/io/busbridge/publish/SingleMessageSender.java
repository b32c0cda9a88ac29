package io.busbridge.publish;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;

import reactor.core.publisher.Mono;

/** One AMQP transfer per message on a sender link that stays open between requests. */
final class SingleMessageSender implements EntitySender {

    private final ServiceBusSenderAsyncClient client;

    SingleMessageSender(ServiceBusSenderAsyncClient client) {
        this.client = client;
    }

    @Override
    public Mono<Void> send(ServiceBusMessage message) {
        return client.sendMessage(message);
    }

    @Override
    public void close() {
        client.close();
    }
}
