package io.busbridge.publish;

import java.time.Duration;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the bridge publishes: the {@link ServiceBusClientBuilder} the {@link Publisher} shares
 * between its senders, configured with credentials chosen here. Today: a connection string
 * (official emulator, embedded emulator or a real namespace). Azure identity for
 * {@code SERVICEBUS_NAMESPACE} plugs in as one more way to open a connection.
 */
public final class ServiceBusConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusConnection.class);

    private final ServiceBusClientBuilder builder;
    private final AutoCloseable embedded;

    private ServiceBusConnection(ServiceBusClientBuilder builder, AutoCloseable embedded) {
        this.builder = builder;
        this.embedded = embedded;
    }

    public static ServiceBusConnection withConnectionString(String connectionString, Duration tryTimeout) {
        return new ServiceBusConnection(builder(connectionString, tryTimeout), null);
    }

    /** Publishes to an emulator this process started; the emulator is stopped with the connection. */
    public static ServiceBusConnection embedded(String connectionString, Duration tryTimeout, AutoCloseable emulator) {
        return new ServiceBusConnection(builder(connectionString, tryTimeout), emulator);
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

    private static ServiceBusClientBuilder builder(String connectionString, Duration tryTimeout) {
        return new ServiceBusClientBuilder()
                .connectionString(connectionString)
                .retryOptions(singleAttempt(tryTimeout));
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
