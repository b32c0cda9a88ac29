package io.busbridge.emulator.auth;

/**
 * A token could not be checked right now (the JWKS could not be fetched): not the client's fault, so the
 * put-token is answered with a status the SDK retries rather than 401.
 */
public final class TokenCheckUnavailableException extends RuntimeException {

    public TokenCheckUnavailableException(String message) {
        super(message);
    }
}
