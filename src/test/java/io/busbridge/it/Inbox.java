package io.busbridge.it;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;

/** Takes messages off emulator entities with the real SDK (receive-and-delete), as a consumer would. */
final class Inbox {

    private static final Duration WAIT = Duration.ofSeconds(3);

    private final ServiceBusClientBuilder builder;

    Inbox(String connectionString) {
        this.builder = new ServiceBusClientBuilder().connectionString(connectionString)
                .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(5)).setMaxRetries(2)
                        .setDelay(Duration.ofMillis(100)).setMaxDelay(Duration.ofMillis(500)));
    }

    List<ServiceBusReceivedMessage> queue(String queue, int max) {
        try (ServiceBusReceiverClient receiver = builder.receiver().queueName(queue)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            return take(receiver, max);
        }
    }

    /** Looks without taking: also shows scheduled messages, which cannot be received yet. */
    List<ServiceBusReceivedMessage> peek(String queue, int max) {
        try (ServiceBusReceiverClient receiver = builder.receiver().queueName(queue).buildClient()) {
            return StreamSupport.stream(receiver.peekMessages(max).spliterator(), false).toList();
        }
    }

    List<ServiceBusReceivedMessage> session(String queue, String sessionId, int max) {
        try (var sessions = builder.sessionReceiver().queueName(queue)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient();
             ServiceBusReceiverClient receiver = sessions.acceptSession(sessionId)) {
            return take(receiver, max);
        }
    }

    List<ServiceBusReceivedMessage> subscription(String topic, String subscription, int max) {
        try (ServiceBusReceiverClient receiver = builder.receiver().topicName(topic).subscriptionName(subscription)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            return take(receiver, max);
        }
    }

    private static List<ServiceBusReceivedMessage> take(ServiceBusReceiverClient receiver, int max) {
        return StreamSupport.stream(receiver.receiveMessages(max, WAIT).spliterator(), false).toList();
    }
}
