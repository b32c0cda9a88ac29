package io.busbridge.publish;

import java.time.Duration;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import io.busbridge.identity.ServiceBusClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the bridge publishes: the {@link ServiceBusClientBuilder} the {@link Publisher} shares
 * between its senders, with the endpoint and credential from {@link ServiceBusClientFactory}
 * (connection string, workload identity or DefaultAzureCredential) and the publisher's retry policy.
 */
public final class ServiceBusConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusConnection.class);

    private final ServiceBusClientBuilder builder;
    private final AutoCloseable embedded;

    private ServiceBusConnection(ServiceBusClientBuilder builder, AutoCloseable embedded) {
        this.builder = builder;
        this.embedded = embedded;
    }

    public static ServiceBusConnection of(ServiceBusClientFactory clients, Duration tryTimeout) {
        return new ServiceBusConnection(builder(clients, tryTimeout), null);
    }

    /** Publishes to an emulator this process started; the emulator is stopped with the connection. */
    public static ServiceBusConnection embedded(ServiceBusClientFactory clients, Duration tryTimeout, AutoCloseable emulator) {
        return new ServiceBusConnection(builder(clients, tryTimeout), emulator);
    }

    public ServiceBusClientBuilder builder() {
        return builder;
    }

    /** The SDK must not retry: {@link Publisher} is the one retry layer, bounded by the publish deadline. */
    static AmqpRetryOptions singleAttempt(Duration tryTimeout) {
        return new AmqpRetryOptions()
                .setMode(AmqpRetryMode.FIXED)
                .setMaxRetries(0)
                .setTryTimeout(tryTimeout);
    }

    private static ServiceBusClientBuilder builder(ServiceBusClientFactory clients, Duration tryTimeout) {
        return clients.newBuilder().retryOptions(singleAttempt(tryTimeout));
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                LOG.warn("Embedded Service Bus emulator did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
