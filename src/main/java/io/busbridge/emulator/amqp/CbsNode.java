package io.busbridge.emulator.amqp;

import io.busbridge.emulator.auth.TokenCheckUnavailableException;
import io.busbridge.emulator.auth.TokenRejectedException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.message.Message;

/** The $cbs node: put-token checks a SAS or JWT token and records, for this connection, which path it authorizes. */
final class CbsNode implements RequestHandler {
    private final TokenStore tokens;
    private final BrokerServices services;

    CbsNode(TokenStore tokens, BrokerServices services) {
        this.tokens = tokens;
        this.services = services;
    }

    @Override
    public Message handle(Message request) {
        Map<String, Object> properties = request.getApplicationProperties() == null ? Map.of()
                : request.getApplicationProperties().getValue();
        if (!"put-token".equals(properties.get("operation"))) {
            return RequestHandler.response(400, "Unsupported $cbs operation " + properties.get("operation"),
                    null, null);
        }
        Object audience = properties.get("name");
        Object token = request.getBody() instanceof AmqpValue value ? value.getValue() : null;
        if (!(audience instanceof String name) || !(token instanceof String text)) {
            return RequestHandler.response(400, "put-token needs a name and a token", null, null);
        }
        Instant now = services.clock().instant();
        try {
            Instant expiry = services.tokenVerifier().verify(typeOf(properties), text, name, now);
            Duration lifetime = services.faults().tokenLifetime();
            if (lifetime != null && now.plus(lifetime).isBefore(expiry)) {
                expiry = now.plus(lifetime);
            }
            tokens.put(path(name), expiry);
            return RequestHandler.response(202, "Accepted", null, null);
        } catch (TokenRejectedException e) {
            return RequestHandler.response(401, "Unauthorized: " + e.getMessage(), null, null);
        } catch (TokenCheckUnavailableException e) {
            return RequestHandler.response(500, "The token could not be checked now: " + e.getMessage(), null, null);
        }
    }

    private static String typeOf(Map<String, Object> properties) {
        return properties.get("type") instanceof String type ? type : null;
    }

    /** "amqp://host/orders/subscriptions/x" → "orders/subscriptions/x" (the namespace itself is ""). */
    private static String path(String audience) {
        String path = URI.create(audience).getPath();
        return path == null ? "" : path.replaceAll("^/+|/+$", "");
    }
}
