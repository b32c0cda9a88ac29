package io.busbridge.identity;

import io.busbridge.fixture.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which credential the configuration selects, and the errors a half-done configuration gets. */
class CredentialSelectionTest {

    private static final String CONNECTION_STRING = "Endpoint=sb://localhost:5672;SharedAccessKeyName=RootManageSharedAccessKey;"
            + "SharedAccessKey=test-key-not-a-secret;UseDevelopmentEmulator=true";

    private final Map<String, String> config = new HashMap<>();

    @Test
    void autoPicksTheConnectionStringWhenOneIsSet() {
        set("connection-string", CONNECTION_STRING);
        set("namespace", "ns.servicebus.windows.net");
        set("identity.federated-token-file", "/var/run/secrets/token");

        assertThat(settings().mode()).isEqualTo(CredentialMode.CONNECTION_STRING);
    }

    @Test
    void autoPicksWorkloadIdentityForATokenFileAndANamespace() {
        set("namespace", "ns.servicebus.windows.net");
        set("identity.federated-token-file", "/var/run/secrets/token");

        assertThat(settings().mode()).isEqualTo(CredentialMode.WORKLOAD_IDENTITY);
    }

    @Test
    void autoFallsBackToDefaultAzureCredential() {
        set("namespace", "ns.servicebus.windows.net");

        assertThat(settings().mode()).isEqualTo(CredentialMode.DEFAULT);
        assertThat(new ServiceBusClientFactory(settings()).mode()).isEqualTo(CredentialMode.DEFAULT);
    }

    @Test
    void anExplicitModeWinsOverWhatIsConfigured() {
        set("credential", "default");
        set("connection-string", CONNECTION_STRING);

        assertThat(settings().mode()).isEqualTo(CredentialMode.DEFAULT);
    }

    @Test
    void anUnknownModeIsRejectedWithTheChoices() {
        set("credential", "magic");

        assertThatThrownBy(() -> settings().mode())
                .hasMessage("busbridge.servicebus.credential=magic is not one of auto, connection-string, workload-identity, default");
    }

    @Test
    void nothingConfiguredAsksForTheNamespace() {
        assertThatThrownBy(() -> new ServiceBusClientFactory(settings()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Missing SERVICEBUS_NAMESPACE (busbridge.servicebus.namespace) for the Service Bus credential");
    }

    @Test
    void workloadIdentityNamesEachMissingVariable() {
        set("credential", "workload-identity");
        set("namespace", "ns.servicebus.windows.net");
        assertThatThrownBy(() -> new ServiceBusClientFactory(settings())).hasMessageContaining("AZURE_TENANT_ID");

        set("identity.tenant-id", "tenant");
        assertThatThrownBy(() -> new ServiceBusClientFactory(settings())).hasMessageContaining("AZURE_CLIENT_ID");

        set("identity.client-id", "client");
        assertThatThrownBy(() -> new ServiceBusClientFactory(settings())).hasMessageContaining("AZURE_FEDERATED_TOKEN_FILE");
    }

    @Test
    void connectionStringModeNeedsAConnectionString() {
        set("credential", "connection-string");

        assertThatThrownBy(() -> new ServiceBusClientFactory(settings())).hasMessageContaining("SERVICEBUS_CONNECTION_STRING");
    }

    @Test
    void theSettingsNeverPrintTheKey() {
        set("connection-string", CONNECTION_STRING);

        assertThat(settings().toString()).doesNotContain("test-key-not-a-secret").contains("SharedAccessKey=***");
    }

    @Test
    void theModeIsLoggedOnceWithTheKeyMasked() {
        set("connection-string", CONNECTION_STRING);

        try (CapturedLogs logs = new CapturedLogs()) {
            new ServiceBusClientFactory(settings());

            assertThat(logs.lines()).filteredOn(line -> line.contains("Service Bus credential:")).singleElement()
                    .asString().contains("connection-string", "SharedAccessKey=***").doesNotContain("test-key-not-a-secret");
            assertThat(logs.lines()).noneMatch(line -> line.contains("test-key-not-a-secret"));
        }
    }

    @Test
    void theFederatedTokenFileIsReadAfreshEachTime(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "first-token\n");
        FederatedTokenFile token = new FederatedTokenFile(file);
        assertThat(token.get()).isEqualTo("first-token");

        Files.writeString(file, "rotated-token");

        assertThat(token.get()).isEqualTo("rotated-token");
    }

    private void set(String key, String value) {
        config.put(IdentitySettings.PREFIX + key, value);
    }

    private IdentitySettings settings() {
        return IdentitySettings.from(config::get);
    }
}
