package io.busbridge.identity;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.busbridge.emulator.auth.JwtTokenValidator;
import io.busbridge.fixture.CapturedLogs;
import io.busbridge.fixture.LocalTokenEndpoint;
import io.busbridge.fixture.TestSigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workload identity federation against a local Entra token endpoint: federated token file → Entra token. */
class WorkloadIdentityCredentialTest {

    private static final TokenRequestContext SERVICE_BUS = new TokenRequestContext().addScopes("https://servicebus.azure.net/.default");

    private final TestSigningKey awsIssuer = new TestSigningKey();
    private LocalTokenEndpoint entra;
    private Path tokenFile;
    private final TokenStatus status = new TokenStatus();
    private TokenCredential credential;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        entra = new LocalTokenEndpoint("test-tenant", "test-client", awsIssuer);
        entra.tokenLifetime(Duration.ofSeconds(10));
        tokenFile = dir.resolve("federated-token");
        writeFederatedToken("system:serviceaccount:busbridge:bridge");
        Map<String, String> properties = entra.clientProperties();
        properties.put("busbridge.servicebus.identity.federated-token-file", tokenFile.toString());
        IdentitySettings settings = IdentitySettings.from(properties::get);
        credential = new ObservedTokenCredential(TokenCredentials.create(settings.mode(), settings), status);
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    @Test
    void exchangesTheFederatedTokenForAServiceBusToken() throws Exception {
        AccessToken token = credential.getTokenSync(SERVICE_BUS);

        Instant jwtExpiry = JwtTokenValidator.trusting(entra.tokenKey().publicJwks())
                .verify(token.getToken(), "amqp://localhost/q1", Instant.now()).minusSeconds(5); // less the skew
        // the client renews by its own idea of the expiry, which must not be later than the token's
        assertThat(token.getExpiresAt().toInstant()).isBetween(jwtExpiry.minusSeconds(2), jwtExpiry);
        assertThat(status.expiresAt()).isEqualTo(token.getExpiresAt().toInstant());
        assertThat(status.healthy()).isTrue();
        assertThat(entra.assertionSubjects()).containsExactly("system:serviceaccount:busbridge:bridge");
        assertThat(entra.unexpectedRequests()).isEmpty();
    }

    @Test
    void presentsTheRotatedFederatedTokenOnTheNextRequest() throws Exception {
        credential.getTokenSync(SERVICE_BUS);

        writeFederatedToken("rotated-subject");
        credential.getTokenSync(SERVICE_BUS);

        assertThat(entra.assertionSubjects()).containsExactly("system:serviceaccount:busbridge:bridge", "rotated-subject");
    }

    @Test
    void aFailingTokenEndpointMakesTheStatusUnhealthyUntilItRecovers() {
        credential.getTokenSync(SERVICE_BUS);
        entra.failing(true);

        assertThatThrownBy(() -> credential.getTokenSync(SERVICE_BUS));
        assertThat(status.healthy()).isFalse();
        assertThat(status.lastError()).isNotBlank();

        entra.failing(false);
        credential.getTokenSync(SERVICE_BUS);

        assertThat(status.healthy()).isTrue();
        assertThat(status.lastError()).isNull();
    }

    @Test
    void aMissingTokenFileIsReportedByName() throws Exception {
        Files.delete(tokenFile);

        assertThatThrownBy(() -> credential.getTokenSync(SERVICE_BUS));

        assertThat(status.healthy()).isFalse();
        assertThat(status.lastError()).contains("Cannot read the federated token file " + tokenFile);
    }

    @Test
    void logsEachTokensExpiryButNeverATokenOrTheAssertion() throws Exception {
        AccessToken token;
        try (CapturedLogs logs = new CapturedLogs()) {
            token = credential.getTokenSync(SERVICE_BUS);
            entra.failing(true);
            assertThatThrownBy(() -> credential.getTokenSync(SERVICE_BUS));

            assertThat(logs.lines()).anyMatch(line -> line.contains("Obtained a Service Bus token that expires at "
                    + token.getExpiresAt().toInstant()));
            assertThat(logs.lines()).anyMatch(line -> line.contains("Could not obtain a Service Bus token"));
            String federatedToken = Files.readString(tokenFile);
            assertThat(logs.lines()).noneMatch(line -> line.contains(token.getToken()) || line.contains(federatedToken)
                    || line.contains(signatureOf(federatedToken)) || line.contains(signatureOf(token.getToken())));
        }
    }

    private static String signatureOf(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }

    private void writeFederatedToken(String subject) throws Exception {
        Files.writeString(tokenFile, awsIssuer.sign(TestSigningKey.claims(LocalTokenEndpoint.EXCHANGE_AUDIENCE, Duration.ofHours(1))
                .subject(subject).build()));
    }
}
