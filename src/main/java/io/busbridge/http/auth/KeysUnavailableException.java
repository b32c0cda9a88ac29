package io.busbridge.http.auth;

/**
 * The signing keys could not be obtained (JWKS endpoint down and nothing cached): the token cannot be
 * judged either way, so the caller gets 503 and retries, not a 401 that would make it drop the request.
 */
public class KeysUnavailableException extends Exception {

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
