package io.busbridge.identity;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The outbound credential kinds, named as in {@code busbridge.servicebus.credential}. */
public enum CredentialMode {

    /** SAS from a connection string: the local emulators. */
    CONNECTION_STRING("connection-string"),
    /** Entra workload identity federation: a federated token (EKS, AWS STS) exchanged for an Entra token. */
    WORKLOAD_IDENTITY("workload-identity"),
    /** DefaultAzureCredential: managed identity, environment, developer tools. */
    DEFAULT("default");

    private final String configName;

    CredentialMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static CredentialMode resolve(IdentitySettings settings) {
        String configured = settings.credential();
        if ("auto".equalsIgnoreCase(configured)) {
            if (settings.connectionString() != null) {
                return CONNECTION_STRING;
            }
            boolean federated = settings.federatedTokenFile() != null || "aws-sts".equals(settings.federatedTokenSource());
            return federated && settings.namespace() != null ? WORKLOAD_IDENTITY : DEFAULT;
        }
        return Arrays.stream(values())
                .filter(mode -> mode.configName.equalsIgnoreCase(configured))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("busbridge.servicebus.credential=" + configured
                        + " is not one of auto, " + Arrays.stream(values()).map(CredentialMode::configName)
                        .collect(Collectors.joining(", "))));
    }
}
