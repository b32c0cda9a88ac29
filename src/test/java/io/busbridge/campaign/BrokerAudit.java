package io.busbridge.campaign;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;

/**
 * The end of the run: takes every message off every entity the shipped routes publish to (as a consumer would,
 * through the SDK, receive-and-delete without prefetch so that closing a receiver drops nothing) and counts
 * them by MessageId.
 */
final class BrokerAudit {

    /** Counts of one audit: messages per MessageId across all entities, and what was parked. */
    record Contents(Map<String, Integer> messageIds, int parked) {

        long duplicated() {
            return messageIds.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        }
    }

    /**
     * The SDK's receive link buffers 256 deliveries: asking for more at once lets a fast broker overflow it, and
     * the SDK then drops the link (losing receive-and-delete messages).
     */
    private static final int BATCH = 100;
    private static final Duration WAIT = Duration.ofSeconds(2);

    private final ServiceBusClientBuilder builder;
    private final Report report;

    BrokerAudit(String connectionString, Report report) {
        this.builder = new ServiceBusClientBuilder().connectionString(connectionString);
        this.report = report;
    }

    Contents drain() {
        Map<String, Integer> ids = new HashMap<>();
        for (String customer : java.util.stream.Stream.concat(java.util.Arrays.stream(Events.CUSTOMERS),
                java.util.stream.Stream.of("cust-x")).toList()) {
            drain("orders session " + customer, () -> builder.sessionReceiver().queueName("orders")
                    .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient().acceptSession(customer), ids);
        }
        drain("orders-express", () -> plain(builder.receiver().queueName("orders-express")), ids);
        drain("payments/ledger", () -> plain(builder.receiver().topicName("payments").subscriptionName("ledger")), ids);
        Map<String, Integer> parked = new HashMap<>();
        drain("busbridge-deadletter", () -> plain(builder.receiver().queueName("busbridge-deadletter")), parked);
        return new Contents(ids, parked.values().stream().mapToInt(Integer::intValue).sum());
    }

    private static ServiceBusReceiverClient plain(ServiceBusClientBuilder.ServiceBusReceiverClientBuilder receiver) {
        return receiver.receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient();
    }

    /** Until a receive comes back empty; a receiver the broker terminates is re-created, as consumers do. */
    private void drain(String entity, Supplier<ServiceBusReceiverClient> receivers, Map<String, Integer> ids) {
        for (int attempt = 1; ; attempt++) {
            try (ServiceBusReceiverClient receiver = receivers.get()) {
                while (true) {
                    int received = 0;
                    for (ServiceBusReceivedMessage message : receiver.receiveMessages(BATCH, WAIT)) {
                        ids.merge(message.getMessageId(), 1, Integer::sum);
                        received++;
                    }
                    if (received == 0) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                report.figure("audit: receiver on %s failed (%s), attempt %d", entity, e.getMessage(), attempt);
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }
}
