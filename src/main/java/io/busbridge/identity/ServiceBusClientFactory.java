package io.busbridge.identity;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that configures how the bridge reaches Service Bus: a connection string (SAS), or
 * the namespace plus an Entra token credential. Every Service Bus client of the bridge starts from
 * {@link #newBuilder()}.
 */
public final class ServiceBusClientFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusClientFactory.class);

    private final IdentitySettings settings;
    private final CredentialMode mode;
    private final TokenStatus tokenStatus = new TokenStatus();
    private final ObservedTokenCredential credential;

    public ServiceBusClientFactory(IdentitySettings settings) {
        this.settings = settings;
        this.mode = settings.mode();
        if (mode == CredentialMode.CONNECTION_STRING) {
            TokenCredentials.require(settings.connectionString(), "SERVICEBUS_CONNECTION_STRING (busbridge.servicebus.connection-string)");
            credential = null;
        } else {
            TokenCredentials.require(settings.namespace(), "SERVICEBUS_NAMESPACE (busbridge.servicebus.namespace)");
            credential = new ObservedTokenCredential(TokenCredentials.create(mode, settings), tokenStatus);
        }
        LOG.info("Service Bus credential: {} ({})", mode.configName(), describe());
    }

    public CredentialMode mode() {
        return mode;
    }

    /** Where and how Service Bus is reached (the readiness probe takes its address from here). */
    public IdentitySettings settings() {
        return settings;
    }

    /** The outbound token's state for health and metrics; always healthy with a connection string. */
    public TokenStatus tokenStatus() {
        return tokenStatus;
    }

    /** A builder with the endpoint and credential set; callers add retry options and the entity. */
    public ServiceBusClientBuilder newBuilder() {
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder();
        if (credential == null) {
            builder.connectionString(settings.connectionString());
        } else {
            builder.credential(settings.namespace(), credential);
        }
        if (settings.endpoint() != null) {
            builder.customEndpointAddress(settings.endpoint());
        }
        return builder;
    }

    private String describe() {
        return switch (mode) {
            case CONNECTION_STRING -> SecretMasker.mask(settings.connectionString());
            case WORKLOAD_IDENTITY -> "namespace " + settings.namespace() + ", tenant " + settings.tenantId()
                    + ", client " + settings.clientId() + ", federated token from " + tokenSourceDescription();
            case DEFAULT -> "namespace " + settings.namespace() + ", DefaultAzureCredential";
        };
    }

    private String tokenSourceDescription() {
        return "file".equals(settings.federatedTokenSource())
                ? "file " + settings.federatedTokenFile()
                : settings.federatedTokenSource();
    }
}
