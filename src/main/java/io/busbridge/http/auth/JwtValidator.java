package io.busbridge.http.auth;

import java.text.ParseException;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Checks a bearer JWT with nimbus-jose-jwt: RS256/ES256 signature against the issuer's JWKS, exact issuer,
 * audience, and required {@code exp}, {@code nbf} and {@code sub} within the allowed clock skew.
 * <p>
 * {@link #validate} may block on a JWKS fetch (first use, cache expiry, unknown {@code kid}), so callers on
 * an event loop run it on a worker thread.
 */
public final class JwtValidator {

    /** Asymmetric only: an HS* token "signed" with our public key as the secret must never verify. */
    static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    /** Plain JWTs and RFC 9068 access tokens; a missing {@code typ} is common and allowed. */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPE_VERIFIER =
            new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null);

    private static final Set<String> REQUIRED_CLAIMS = Set.of("exp", "nbf", "sub");

    /** nimbus' rejection messages → fixed descriptions; nimbus may quote claim values, which we never echo. */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "Expired JWT", "the token has expired",
            "JWT before use time", "the token is not valid yet (nbf)",
            "JWT aud claim rejected", "the token is not meant for this audience",
            "JWT missing required aud claim", "the token is not meant for this audience",
            "JWT iss claim value rejected", "the token comes from an untrusted issuer",
            "JWT missing required claims", "the token lacks a required claim (exp, nbf, sub)",
            "Signed JWT rejected: Another algorithm expected, or no matching key(s) found",
            "the token is signed by an unknown key",
            "Signed JWT rejected: Invalid signature", "the token signature is invalid");

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwtValidator(String issuer, String audience, JWKSource<SecurityContext> keys, int clockSkewSeconds) {
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(audience), new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS, null);
        claims.setMaxClockSkew(clockSkewSeconds);
        processor.setJWSTypeVerifier(TYPE_VERIFIER);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED_ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(claims);
    }

    public Caller validate(String token) throws TokenRejectedException, KeysUnavailableException {
        try {
            rejectUnacceptableAlgorithm(JWTParser.parse(token));
            return Caller.fromClaims(processor.process(token, null));
        } catch (ParseException e) {
            throw new TokenRejectedException("the token is not a well-formed JWT");
        } catch (BadJOSEException e) {
            throw new TokenRejectedException(describe(e.getMessage()));
        } catch (RateLimitReachedException e) {
            // An unknown kid already caused a refetch in this interval: treat the key as unknown.
            throw new TokenRejectedException("the token is signed by an unknown key");
        } catch (JOSEException e) {
            throw new KeysUnavailableException("signing keys unavailable: " + e.getMessage(), e);
        }
    }

    /** Checked before nimbus so that the caller learns the real reason ("alg") rather than "no key found". */
    private static void rejectUnacceptableAlgorithm(JWT jwt) throws TokenRejectedException {
        if (!(jwt instanceof SignedJWT signed)) {
            throw new TokenRejectedException("only signed tokens (RS256, ES256) are accepted");
        }
        if (!ACCEPTED_ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
            throw new TokenRejectedException("the token algorithm is not accepted (RS256, ES256 only)");
        }
    }

    private static String describe(String nimbusMessage) {
        String message = nimbusMessage == null ? "" : nimbusMessage;
        return DESCRIPTIONS.entrySet().stream()
                .filter(entry -> message.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("the token was rejected");
    }
}
