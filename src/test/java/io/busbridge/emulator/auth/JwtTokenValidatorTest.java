package io.busbridge.emulator.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.busbridge.fixture.TestSigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.busbridge.emulator.auth.JwtTokenValidator.SERVICE_BUS_AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtTokenValidatorTest {

    private static final String AUDIENCE = "amqp://localhost/q1";

    private final TestSigningKey issuer = new TestSigningKey();
    private final JwtTokenValidator validator = JwtTokenValidator.trusting(issuer.publicJwks());

    @Test
    void acceptsATokenForServiceBusUntilItsExpiryPlusTheClockSkew() {
        JWTClaimsSet claims = TestSigningKey.claims(SERVICE_BUS_AUDIENCE, Duration.ofMinutes(5)).build();

        assertThat(validator.verify(issuer.sign(claims), AUDIENCE, Instant.now()))
                .isEqualTo(claims.getExpirationTime().toInstant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5));
    }

    @Test
    void readsTheTrustedKeysFromAJwksFile(@TempDir Path dir) throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), issuer.publicJwks().toString());
        String token = issuer.sign(TestSigningKey.claims(SERVICE_BUS_AUDIENCE, Duration.ofMinutes(5)).build());

        assertThat(JwtTokenValidator.fromJwksFile(jwks).verify(token, AUDIENCE, Instant.now())).isAfter(Instant.now());
    }

    @Test
    void anUnreachableJwksIsAnOutageNotARejection() {
        // nothing listens on port 1 of the loopback: the fetch is refused at once
        JwtTokenValidator unreachable = JwtTokenValidator.fromJwksUrl(java.net.URI.create("http://127.0.0.1:1/keys"));
        String token = issuer.sign(TestSigningKey.claims(SERVICE_BUS_AUDIENCE, Duration.ofMinutes(5)).build());

        assertThatThrownBy(() -> unreachable.verify(token, AUDIENCE, Instant.now()))
                .isInstanceOf(TokenCheckUnavailableException.class)
                .hasMessageStartingWith("JWKS unavailable");
    }

    @Test
    void rejectsAnotherAudience() {
        String token = issuer.sign(TestSigningKey.claims("https://storage.azure.com", Duration.ofMinutes(5)).build());

        assertRejected(token, "JWT rejected: JWT aud claim rejected");
    }

    @Test
    void checksExpiryAgainstTheEmulatorsClock() {
        String token = issuer.sign(TestSigningKey.claims(SERVICE_BUS_AUDIENCE, Duration.ofMinutes(5)).build());

        assertThatThrownBy(() -> validator.verify(token, AUDIENCE, Instant.now().plus(Duration.ofMinutes(6))))
                .isInstanceOf(TokenRejectedException.class).hasMessageContaining("Expired");
    }

    @Test
    void rejectsAnExpiredToken() {
        String token = issuer.sign(TestSigningKey.claims(SERVICE_BUS_AUDIENCE, Duration.ofMinutes(-1)).build());

        assertRejected(token, "Expired");
    }

    @Test
    void rejectsATokenWithoutExpiry() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().audience(SERVICE_BUS_AUDIENCE).subject("x").build();

        assertRejected(issuer.sign(claims), "exp");
    }

    @Test
    void rejectsATokenSignedByAnUntrustedKey() {
        String token = new TestSigningKey().sign(TestSigningKey.claims(SERVICE_BUS_AUDIENCE, Duration.ofMinutes(5)).build());

        assertRejected(token, "JWT rejected");
    }

    @Test
    void rejectsAnUnsignedToken() {
        String token = new PlainJWT(TestSigningKey.claims(SERVICE_BUS_AUDIENCE, Duration.ofMinutes(5)).build()).serialize();

        assertRejected(token, "JWT rejected");
    }

    @Test
    void rejectsAnHmacToken() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                TestSigningKey.claims(SERVICE_BUS_AUDIENCE, Duration.ofMinutes(5)).build());
        jwt.sign(new MACSigner(new byte[32]));

        assertRejected(jwt.serialize(), "JWT rejected");
    }

    @Test
    void rejectsSomethingThatIsNotAJwt() {
        assertRejected("SharedAccessSignature sr=x&sig=y&se=1&skn=z", "not a JWT");
        assertRejected("", "empty");
    }

    private void assertRejected(String token, String reason) {
        assertThatThrownBy(() -> validator.verify(token, AUDIENCE, Instant.now()))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining(reason);
    }
}
