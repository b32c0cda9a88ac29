package io.busbridge.observe;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;

/** A queue ({@code orders}) or a subscription ({@code payments/subscriptions/ledger}), as Service Bus names them. */
record EntityPath(String queueOrTopic, String subscription) {

    private static final String SUBSCRIPTIONS = "/subscriptions/";

    static EntityPath parse(String path) {
        if (path == null || path.isBlank() || path.contains("$")) {
            throw new IllegalArgumentException("name a queue or topic/subscriptions/name, not '" + path + "'");
        }
        int at = path.indexOf(SUBSCRIPTIONS);
        if (at < 0) {
            return new EntityPath(path, null);
        }
        return new EntityPath(path.substring(0, at), path.substring(at + SUBSCRIPTIONS.length()));
    }

    boolean isSubscription() {
        return subscription != null;
    }

    /** A receiver on this entity's dead-letter subqueue, locking what it receives (never deleting on receipt). */
    ServiceBusClientBuilder.ServiceBusReceiverClientBuilder deadLetterReceiver(ServiceBusClientBuilder builder) {
        var receiver = builder.receiver().subQueue(SubQueue.DEAD_LETTER_QUEUE)
                .receiveMode(ServiceBusReceiveMode.PEEK_LOCK).prefetchCount(0).disableAutoComplete();
        return isSubscription() ? receiver.topicName(queueOrTopic).subscriptionName(subscription)
                : receiver.queueName(queueOrTopic);
    }

    @Override
    public String toString() {
        return isSubscription() ? queueOrTopic + SUBSCRIPTIONS + subscription : queueOrTopic;
    }
}
