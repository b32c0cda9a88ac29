package io.busbridge.emulator.auth;

import java.time.Instant;

/**
 * Picks the check for a $cbs put-token by its {@code type}: SAS tokens (connection strings) against
 * the configured keys, {@code jwt} tokens (Entra credentials, sent over TLS) against the configured
 * JWKS. Without a JWKS, JWT put-tokens are refused.
 */
public final class PutTokenVerifier {

    public static final String SAS_TYPE = "servicebus.windows.net:sastoken";
    public static final String JWT_TYPE = "jwt";

    private final SasTokenVerifier sas;
    private final JwtTokenValidator jwt;

    /** @param jwt null when the emulator accepts SAS tokens only */
    public PutTokenVerifier(SasTokenVerifier sas, JwtTokenValidator jwt) {
        this.sas = sas;
        this.jwt = jwt;
    }

    /**
     * @return the token's expiry
     * @throws TokenRejectedException when the token does not authorize {@code expectedAudience}
     */
    public Instant verify(String type, String token, String expectedAudience, Instant now) {
        if (JWT_TYPE.equals(type)) {
            if (jwt == null) {
                throw new TokenRejectedException("JWT put-tokens are not accepted: the emulator has no JWKS configured");
            }
            return jwt.verify(token, expectedAudience, now);
        }
        if (type == null || SAS_TYPE.equals(type)) {
            return sas.verify(token, expectedAudience, now);
        }
        throw new TokenRejectedException("Unknown put-token type; expected " + SAS_TYPE + " or " + JWT_TYPE);
    }
}
