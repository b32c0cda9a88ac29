package io.busbridge.http.auth;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.busbridge.http.auth.TestTokens.AUDIENCE;
import static io.busbridge.http.auth.TestTokens.ISSUER;
import static io.busbridge.http.auth.TestTokens.sign;
import static io.busbridge.http.auth.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtValidatorTest {

    private RSAKey rsa;
    private ECKey ec;
    private JwksServer jwks;
    private JwtValidator validator;

    @BeforeEach
    void startIssuer() throws Exception {
        rsa = TestTokens.rsaKey("rsa-1");
        ec = TestTokens.ecKey("ec-1");
        jwks = new JwksServer(rsa, ec);
        validator = new JwtValidator(ISSUER, AUDIENCE, JwksKeys.remote(jwks.url()), 60);
    }

    @AfterEach
    void stopIssuer() {
        jwks.close();
    }

    @Test
    void acceptsRs256TokenAndReadsTheCaller() throws Exception {
        Caller caller = validator.validate(sign(rsa, validClaims().build()));

        assertThat(caller.subject()).isEqualTo("user-42");
        assertThat(caller.clientId()).isEqualTo("gateway-client");
        assertThat(caller.scopes()).containsExactlyInAnyOrder("events.orders.write", "profile");
    }

    @Test
    void acceptsEs256Token() throws Exception {
        Caller caller = validator.validate(sign(ec, validClaims().build()));

        assertThat(caller.subject()).isEqualTo("user-42");
    }

    @Test
    void readsScpArrayGroupsAndFallbackClientIds() throws Exception {
        JWTClaimsSet claims = validClaims().claim("azp", null).claim("scope", null)
                .claim("scp", List.of("events.payments.write")).claim("groups", List.of("order-writers"))
                .claim("appid", "entra-app").build();

        Caller caller = validator.validate(sign(rsa, claims));

        assertThat(caller.scopes()).containsExactly("events.payments.write");
        assertThat(caller.groups()).containsExactly("order-writers");
        assertThat(caller.clientId()).isEqualTo("entra-app");
    }

    @Test
    void rejectsExpiredToken() throws Exception {
        String token = sign(rsa, validClaims().expirationTime(secondsFromNow(-120)).build());

        assertRejected(token, "the token has expired");
    }

    @Test
    void rejectsTokenNotValidYet() throws Exception {
        String token = sign(rsa, validClaims().notBeforeTime(secondsFromNow(120)).build());

        assertRejected(token, "the token is not valid yet (nbf)");
    }

    @Test
    void toleratesClockSkewUpToTheConfiguredSeconds() throws Exception {
        String expiredThirtySecondsAgo = sign(rsa, validClaims().expirationTime(secondsFromNow(-30)).build());
        JwtValidator strict = new JwtValidator(ISSUER, AUDIENCE, JwksKeys.remote(jwks.url()), 10);

        assertThat(validator.validate(expiredThirtySecondsAgo).subject()).isEqualTo("user-42");
        assertThatThrownBy(() -> strict.validate(expiredThirtySecondsAgo))
                .isInstanceOf(TokenRejectedException.class).hasMessage("the token has expired");
    }

    @Test
    void requiresExpAndNbf() throws Exception {
        assertRejected(sign(rsa, validClaims().expirationTime(null).build()),
                "the token lacks a required claim (exp, nbf, sub)");
        assertRejected(sign(rsa, validClaims().notBeforeTime(null).build()),
                "the token lacks a required claim (exp, nbf, sub)");
    }

    @Test
    void rejectsWrongIssuerAndWrongAudience() throws Exception {
        assertRejected(sign(rsa, validClaims().issuer("https://evil.test").build()),
                "the token comes from an untrusted issuer");
        assertRejected(sign(rsa, validClaims().audience("api://someone-else").build()),
                "the token is not meant for this audience");
    }

    @Test
    void rejectsUnsignedToken() throws Exception {
        assertRejected(TestTokens.unsigned(validClaims().build()), "only signed tokens (RS256, ES256) are accepted");
    }

    @Test
    void rejectsHs256TokenSignedWithThePublicKeyAsSecret() throws Exception {
        assertRejected(TestTokens.hs256WithPublicKey(rsa, validClaims().build()),
                "the token algorithm is not accepted (RS256, ES256 only)");
    }

    @Test
    void rejectsTokenWithBadSignature() throws Exception {
        RSAKey impostor = TestTokens.rsaKey("rsa-1");

        assertRejected(sign(impostor, validClaims().build()), "the token signature is invalid");
    }

    @Test
    void unknownKidCausesOneRefetchThenRejection() throws Exception {
        validator.validate(sign(rsa, validClaims().build()));
        int fetchesBefore = jwks.fetches();
        String unknown = sign(TestTokens.rsaKey("not-published"), validClaims().build());

        assertRejected(unknown, "the token is signed by an unknown key");
        assertThat(jwks.fetches()).isEqualTo(fetchesBefore + 1);

        assertRejected(sign(TestTokens.rsaKey("made-up"), validClaims().build()), "the token is signed by an unknown key");
        assertThat(jwks.fetches()).as("refetches are rate-limited").isEqualTo(fetchesBefore + 1);
    }

    @Test
    void rotatedKeyIsPickedUp() throws Exception {
        validator.validate(sign(rsa, validClaims().build()));
        RSAKey next = TestTokens.rsaKey("rsa-2");
        jwks.publish(next, ec);

        Caller caller = validator.validate(sign(next, validClaims().build()));

        assertThat(caller.subject()).isEqualTo("user-42");
    }

    @Test
    void unreachableJwksMeansKeysUnavailableNotRejected() throws Exception {
        String token = sign(rsa, validClaims().build());
        jwks.close();

        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(KeysUnavailableException.class);
    }

    @Test
    void rejectsGarbage() {
        assertRejected("not-a-jwt", "the token is not a well-formed JWT");
    }

    private void assertRejected(String token, String description) {
        assertThatThrownBy(() -> validator.validate(token))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessage(description);
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }
}
