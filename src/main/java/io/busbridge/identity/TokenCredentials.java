package io.busbridge.identity;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Builds the Entra credential for the token modes. */
final class TokenCredentials {

    private TokenCredentials() {
    }

    static TokenCredential create(CredentialMode mode, IdentitySettings settings) {
        return switch (mode) {
            case WORKLOAD_IDENTITY -> workloadIdentity(settings);
            case DEFAULT -> defaultCredential(settings);
            case CONNECTION_STRING -> throw new IllegalArgumentException("A connection string needs no token credential");
        };
    }

    /**
     * Workload identity federation: the federated token is the client assertion of a client-credentials
     * request to Entra. Built on ClientAssertionCredential so the assertion is fetched on every request.
     */
    private static TokenCredential workloadIdentity(IdentitySettings settings) {
        require(settings.tenantId(), "AZURE_TENANT_ID (busbridge.servicebus.identity.tenant-id)");
        require(settings.clientId(), "AZURE_CLIENT_ID (busbridge.servicebus.identity.client-id)");
        ClientAssertionCredentialBuilder builder = new ClientAssertionCredentialBuilder()
                .tenantId(settings.tenantId())
                .clientId(settings.clientId())
                .clientAssertion(federatedToken(settings));
        if (settings.authorityHost() != null) {
            builder.authorityHost(settings.authorityHost());
        }
        if (!settings.instanceDiscovery()) {
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }

    private static Supplier<String> federatedToken(IdentitySettings settings) {
        String source = settings.federatedTokenSource();
        if ("file".equals(source)) {
            require(settings.federatedTokenFile(), "AZURE_FEDERATED_TOKEN_FILE (busbridge.servicebus.identity.federated-token-file)");
            return new FederatedTokenFile(Path.of(settings.federatedTokenFile()));
        }
        if ("aws-sts".equals(source)) {
            return AwsWebIdentityTokenSource.fromSettings(settings);
        }
        throw new IllegalArgumentException("busbridge.servicebus.identity.federated-token-source=" + source
                + " is not one of file, aws-sts");
    }

    private static TokenCredential defaultCredential(IdentitySettings settings) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        if (settings.tenantId() != null) {
            builder.tenantId(settings.tenantId());
        }
        if (settings.clientId() != null) {
            // a user-assigned managed identity, or the app of workload identity
            builder.managedIdentityClientId(settings.clientId()).workloadIdentityClientId(settings.clientId());
        }
        if (settings.authorityHost() != null) {
            builder.authorityHost(settings.authorityHost());
        }
        return builder.build();
    }

    static void require(String value, String what) {
        if (value == null) {
            throw new IllegalStateException("Missing " + what + " for the Service Bus credential");
        }
    }
}
