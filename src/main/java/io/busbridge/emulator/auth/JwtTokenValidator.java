package io.busbridge.emulator.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * Checks the {@code jwt} put-tokens that the Azure SDK sends when it holds a Microsoft Entra token
 * (any {@code TokenCredential} other than a shared key): signature against a JWKS, audience
 * {@code https://servicebus.azure.net}, and a required, unexpired {@code exp}.
 *
 * <p>Like Service Bus, the emulator does not tie the token to the put-token's entity audience:
 * an Entra token is for the whole service, and access to an entity is a role assignment, which the
 * emulator does not model.
 */
public final class JwtTokenValidator {

    /** The audience Entra puts in tokens for the scope {@code https://servicebus.azure.net/.default}. */
    public static final String SERVICE_BUS_AUDIENCE = "https://servicebus.azure.net";

    /** Emulator and token issuer usually share a clock; a little slack keeps refresh races harmless. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private static final int HTTP_TIMEOUT_MS = 5_000;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final JWSVerificationKeySelector<SecurityContext> keySelector;

    private JwtTokenValidator(JWKSource<SecurityContext> keys) {
        keySelector = new JWSVerificationKeySelector<>(ALGORITHMS, keys);
    }

    /** Trusts the keys of a JWKS held in memory (tests, or a file read once). */
    public static JwtTokenValidator trusting(JWKSet keys) {
        return new JwtTokenValidator(new ImmutableJWKSet<>(keys));
    }

    /** Trusts the keys of a JWKS file, read once at start. */
    public static JwtTokenValidator fromJwksFile(Path file) {
        try {
            return trusting(JWKSet.load(file.toFile()));
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("Cannot read JWKS file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Trusts the keys served at a JWKS URL: fetched now, cached, refreshed ahead of expiry in the background
     * and refetched (rate-limited) on an unknown key id, so put-tokens on the event loop rarely wait for HTTP.
     */
    public static JwtTokenValidator fromJwksUrl(URI url) {
        URL jwksUrl;
        try {
            jwksUrl = url.toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid JWKS URL " + url + ": " + e.getMessage(), e);
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUrl,
                        new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, JWKS_SIZE_LIMIT))
                .retrying(true)
                .refreshAheadCache(true)
                .build();
        prefetch(keys);
        return new JwtTokenValidator(keys);
    }

    private static void prefetch(JWKSource<SecurityContext> keys) {
        try {
            keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
        } catch (KeySourceException e) {
            // not reachable yet: fetched again on the first put-token
        }
    }

    /**
     * Validates a put-token (same shape as {@link SasTokenVerifier#verify}).
     *
     * @param expectedAudience the put-token's entity audience; not checked, see the class comment
     * @return until when the token authorizes: its expiry plus the clock skew allowed at put-token, so
     *         that a token accepted just after {@code exp} also keeps its links for that moment
     * @throws TokenRejectedException with a reason fit for the 401 status description (never the token)
     */
    public Instant verify(String token, String expectedAudience, Instant now) {
        if (token == null || token.isBlank()) {
            throw new TokenRejectedException("JWT is empty");
        }
        try {
            return processorAt(now).process(token, null).getExpirationTime().toInstant().plus(CLOCK_SKEW);
        } catch (ParseException e) {
            throw new TokenRejectedException("Token is not a JWT");
        } catch (KeySourceException e) {
            throw new TokenCheckUnavailableException("JWKS unavailable: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new TokenRejectedException("JWT rejected: " + e.getMessage());
        } catch (JOSEException e) {
            throw new TokenRejectedException("JWT could not be verified: " + e.getMessage());
        }
    }

    /** A processor whose time checks use the emulator's clock, so fault injection can move time. */
    private DefaultJWTProcessor<SecurityContext> processorAt(Instant now) {
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(SERVICE_BUS_AUDIENCE, null, Set.of("exp")) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(now);
                    }
                };
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keySelector);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }
}
