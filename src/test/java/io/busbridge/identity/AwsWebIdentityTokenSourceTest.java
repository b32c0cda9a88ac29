package io.busbridge.identity;

import com.azure.core.credential.TokenRequestContext;
import io.busbridge.fixture.FakeSts;
import io.busbridge.fixture.LocalTokenEndpoint;
import io.busbridge.fixture.TestSigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** STS GetWebIdentityToken as the federated token, against a fake STS on loopback. */
class AwsWebIdentityTokenSourceTest {

    private final TestSigningKey awsIssuer = new TestSigningKey();
    private final FakeSts sts = new FakeSts(awsIssuer);
    private final StsClient stsClient = StsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create(sts.endpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-only-secret")))
            .build();

    AwsWebIdentityTokenSourceTest() throws Exception {
    }

    @AfterEach
    void stop() {
        stsClient.close();
        sts.close();
    }

    @Test
    void asksStsForATokenForTheEntraExchangeAudienceAndKeepsItUntilThreeQuartersOfItsLife() {
        MutableClock clock = new MutableClock();
        AwsWebIdentityTokenSource source = new AwsWebIdentityTokenSource(stsClient, clock);

        String first = source.get();
        clock.advance(Duration.ofMinutes(3));
        assertThat(source.get()).isEqualTo(first);
        assertThat(sts.requests()).hasSize(1);
        assertThat(sts.requests().get(0)).contains("Audience.member.1=api://AzureADTokenExchange", "SigningAlgorithm=RS256");

        clock.advance(Duration.ofMinutes(1));
        source.get();

        assertThat(sts.requests()).hasSize(2);
    }

    @Test
    void theStsTokenIsAcceptedByEntraAsTheClientAssertion() throws Exception {
        try (LocalTokenEndpoint entra = new LocalTokenEndpoint("test-tenant", "test-client", awsIssuer)) {
            Map<String, String> properties = entra.clientProperties();
            properties.put("busbridge.servicebus.identity.federated-token-source", "aws-sts");
            properties.put("busbridge.servicebus.identity.aws.region", "us-east-1");
            properties.put("busbridge.servicebus.identity.aws.sts-endpoint", sts.endpoint());
            IdentitySettings settings = IdentitySettings.from(properties::get);
            // the default AWS credential chain reads these system properties first
            System.setProperty("aws.accessKeyId", "AKIDTEST");
            System.setProperty("aws.secretAccessKey", "test-only-secret");
            try {
                TokenCredentials.create(settings.mode(), settings)
                        .getTokenSync(new TokenRequestContext().addScopes("https://servicebus.azure.net/.default"));
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }

            assertThat(settings.mode()).isEqualTo(CredentialMode.WORKLOAD_IDENTITY);
            assertThat(entra.assertionSubjects()).containsExactly(FakeSts.ROLE_ARN);
            assertThat(entra.tokensIssued()).isEqualTo(1);
        }
    }

    /** A clock the test moves; the fake STS issues 5-minute tokens in real time. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
