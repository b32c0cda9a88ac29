package io.busbridge.http.auth;

/**
 * A bearer token that is not acceptable (RFC 6750 {@code invalid_token}). The message is safe to show to
 * the caller and to log: it names what is wrong, never the token or a part of it.
 */
public class TokenRejectedException extends Exception {

    public TokenRejectedException(String safeDescription) {
        super(safeDescription);
    }
}
