package io.busbridge.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The federated token from AWS itself: STS {@code GetWebIdentityToken} (IAM outbound identity
 * federation) issues a JWT for the audience Entra expects, signed by the account's AWS issuer, with
 * the AWS credentials the container already has (task role, IRSA, instance profile). The token is
 * kept in memory, never on disk, and fetched again once three quarters of its life have passed.
 */
final class AwsWebIdentityTokenSource implements Supplier<String> {

    static final String AUDIENCE = "api://AzureADTokenExchange";
    private static final Logger LOG = LoggerFactory.getLogger(AwsWebIdentityTokenSource.class);

    private final StsClient sts;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    AwsWebIdentityTokenSource(StsClient sts, Clock clock) {
        this.sts = sts;
        this.clock = clock;
    }

    /** An STS client on the default AWS credential and region chains (region and endpoint overridable). */
    static AwsWebIdentityTokenSource fromSettings(IdentitySettings settings) {
        StsClientBuilder builder = StsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (settings.awsRegion() != null) {
            builder.region(Region.of(settings.awsRegion()));
        }
        if (settings.awsStsEndpoint() != null) {
            builder.endpointOverride(URI.create(settings.awsStsEndpoint()));
        }
        return new AwsWebIdentityTokenSource(builder.build(), Clock.systemUTC());
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(refreshAt)) {
            GetWebIdentityTokenResponse response = sts.getWebIdentityToken(request -> request
                    .audience(AUDIENCE)
                    .signingAlgorithm("RS256"));
            Duration lifetime = Duration.between(now, response.expiration());
            token = response.webIdentityToken();
            refreshAt = now.plus(lifetime.multipliedBy(3).dividedBy(4));
            LOG.info("Obtained an AWS web identity token for {} that expires at {}", AUDIENCE, response.expiration());
        }
        return token;
    }
}
