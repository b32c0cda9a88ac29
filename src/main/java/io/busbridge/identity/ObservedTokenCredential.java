package io.busbridge.identity;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Instant;

/**
 * Wraps the credential the Service Bus client uses, so that every token request shows up in
 * {@link TokenStatus} and in the log (the new token's expiry, or the masked failure; never a token).
 */
final class ObservedTokenCredential implements TokenCredential {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedTokenCredential.class);

    private final TokenCredential delegate;
    private final TokenStatus status;

    ObservedTokenCredential(TokenCredential delegate, TokenStatus status) {
        this.delegate = delegate;
        this.status = status;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return delegate.getToken(request)
                .doOnNext(this::issued)
                .doOnError(this::failed);
    }

    private void issued(AccessToken token) {
        Instant expiry = token.getExpiresAt().toInstant();
        // Each sender link asks for a token; log a token once, not once per link.
        if (!expiry.equals(status.expiresAt())) {
            LOG.info("Obtained a Service Bus token that expires at {}", expiry);
        }
        status.tokenIssued(expiry);
    }

    private void failed(Throwable error) {
        String reason = SecretMasker.mask(error.getClass().getSimpleName() + ": " + error.getMessage());
        status.tokenFailed(reason);
        LOG.warn("Could not obtain a Service Bus token: {}", reason);
    }
}
