package io.busbridge.observe;

import java.util.Map;

import io.busbridge.identity.TokenStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the Service Bus credential works — the last token request succeeded and the token has not expired
 * without a new one. A connection string has no token and is always UP.
 */
public final class CredentialHealthCheck extends AbstractHealthCheck {

    private final TokenStatus status;

    public CredentialHealthCheck(TokenStatus status) {
        super("busbridge", "credential");
        this.status = status;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (status.expiresAt() != null) {
            builder.detail("tokenExpiresAt", status.expiresAt().toString());
        }
        if (status.healthy()) {
            builder.up();
        } else {
            builder.message(status.lastError() != null ? "token request failed: " + status.lastError()
                    : "token expired at " + status.expiresAt()).down();
        }
    }
}
