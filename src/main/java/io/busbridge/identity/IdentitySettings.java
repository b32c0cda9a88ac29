package io.busbridge.identity;

import java.util.function.Function;

/**
 * How the bridge authenticates to Service Bus, read from configuration keys (each has an env-var
 * override in {@code application.properties}, see README "Identity").
 *
 * @param credential           {@code auto}, {@code connection-string}, {@code workload-identity} or {@code default}
 * @param connectionString     {@code SERVICEBUS_CONNECTION_STRING} (secret)
 * @param namespace            {@code SERVICEBUS_NAMESPACE}, fully qualified, for the token modes
 * @param endpoint             optional AMQP endpoint that replaces the namespace's address (private link, tests)
 * @param tenantId             {@code AZURE_TENANT_ID}
 * @param clientId             {@code AZURE_CLIENT_ID}
 * @param federatedTokenFile   {@code AZURE_FEDERATED_TOKEN_FILE}, re-read on every token request
 * @param authorityHost        {@code AZURE_AUTHORITY_HOST}, blank for the public cloud
 * @param instanceDiscovery    false only for an authority MSAL cannot discover (a local or sovereign one)
 * @param federatedTokenSource {@code file} (the token file) or {@code aws-sts} (STS GetWebIdentityToken in process)
 * @param awsRegion            region of the STS endpoint for {@code aws-sts}
 * @param awsStsEndpoint       optional STS endpoint override for {@code aws-sts}
 */
public record IdentitySettings(
        String credential,
        String connectionString,
        String namespace,
        String endpoint,
        String tenantId,
        String clientId,
        String federatedTokenFile,
        String authorityHost,
        boolean instanceDiscovery,
        String federatedTokenSource,
        String awsRegion,
        String awsStsEndpoint) {

    public static final String PREFIX = "busbridge.servicebus.";

    /** Reads the settings through {@code property}, which maps a key (without {@link #PREFIX}) to its value or null. */
    public static IdentitySettings from(Function<String, String> property) {
        Function<String, String> get = key -> blankToNull(property.apply(PREFIX + key));
        String discovery = get.apply("identity.instance-discovery");
        return new IdentitySettings(
                orElse(get.apply("credential"), "auto"),
                get.apply("connection-string"),
                get.apply("namespace"),
                get.apply("endpoint"),
                get.apply("identity.tenant-id"),
                get.apply("identity.client-id"),
                get.apply("identity.federated-token-file"),
                get.apply("identity.authority-host"),
                discovery == null || Boolean.parseBoolean(discovery),
                orElse(get.apply("identity.federated-token-source"), "file"),
                get.apply("identity.aws.region"),
                get.apply("identity.aws.sts-endpoint"));
    }

    /** Nothing says where Service Bus is: the bridge then runs on its embedded emulator. */
    public boolean isUnconfigured() {
        return "auto".equalsIgnoreCase(credential) && connectionString == null && namespace == null
                && !"aws-sts".equals(federatedTokenSource);
    }

    /** The same settings publishing with {@code connectionString} (the embedded emulator's). */
    public IdentitySettings withConnectionString(String connectionString) {
        return new IdentitySettings(credential, connectionString, namespace, endpoint, tenantId, clientId,
                federatedTokenFile, authorityHost, instanceDiscovery, federatedTokenSource, awsRegion, awsStsEndpoint);
    }

    /** The chosen mode; {@code auto} picks from what is configured. */
    public CredentialMode mode() {
        return CredentialMode.resolve(this);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** Never prints the connection string: records are logged and shown more often than one thinks. */
    @Override
    public String toString() {
        return "IdentitySettings[credential=" + credential + ", namespace=" + namespace + ", endpoint=" + endpoint
                + ", tenantId=" + tenantId + ", clientId=" + clientId + ", federatedTokenFile=" + federatedTokenFile
                + ", authorityHost=" + authorityHost + ", federatedTokenSource=" + federatedTokenSource
                + ", connectionString=" + (connectionString == null ? null : SecretMasker.mask(connectionString)) + "]";
    }
}
