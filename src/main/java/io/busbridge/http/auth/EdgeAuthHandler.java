package io.busbridge.http.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge check, a Vert.x handler that platform-http runs on every Camel HTTP route after the body has been
 * read and before the Camel consumer sees the request (see {@link EdgeAuthConfiguration}). It decides both 401 and
 * 403 here, so no route runs, and nothing can be published, for a caller who may not publish:
 * <ul>
 * <li>401 — no or bad bearer token ({@link JwtValidator}).</li>
 * <li>403 — valid token, but no {@link PublishRules rule} lets it publish the body's {@code type}. The type is
 * read from the already-buffered body here rather than in a route: a step in a hot-reloaded YAML route could be
 * edited away, this cannot, and one place decides the whole "may this caller publish this" question.</li>
 * </ul>
 * Token validation runs on a Vert.x worker, not the event loop: nimbus fetches the JWKS synchronously on first
 * use, on cache expiry and on an unknown {@code kid}, and that network wait must never stall the event loop
 * that serves every other connection. The signature check is CPU work too (measured on a busy 2-core box:
 * RS256 about 0.1 ms, ES256 about 2 ms), which the event loop is also better without.
 * <p>
 * Hygiene: the {@code Authorization} header is removed from the request before Camel copies headers into the
 * exchange, so the token can never reach a route, a log or Service Bus; caller headers sent by the client are
 * dropped and replaced by the verified identity.
 */
public final class EdgeAuthHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeAuthHandler.class);
    private static final String BEARER_PREFIX = "bearer ";

    /** Null when edge authentication is off (API Gateway authenticates): the handler then only scrubs headers. */
    private final JwtValidator validator;
    private final PublishRules rules;
    private final EdgeProblems problems;

    private EdgeAuthHandler(JwtValidator validator, PublishRules rules, EdgeProblems problems) {
        this.validator = validator;
        this.rules = rules;
        this.problems = problems;
    }

    static EdgeAuthHandler jwt(JwtValidator validator, PublishRules rules, EdgeProblems problems) {
        return new EdgeAuthHandler(validator, rules, problems);
    }

    static EdgeAuthHandler off() {
        return new EdgeAuthHandler(null, PublishRules.parse(Map.of()), null);
    }

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap headers = ctx.request().headers();
        List<String> authorization = headers.getAll("Authorization");
        headers.remove("Authorization");
        headers.remove(Caller.SUBJECT_HEADER);
        headers.remove(Caller.CLIENT_ID_HEADER);
        if (validator == null) {
            ctx.next();
            return;
        }
        if (authorization.size() > 1) {
            problems.invalidToken(ctx, "the request carries more than one Authorization header");
            return;
        }
        Optional<String> token = bearerToken(authorization.isEmpty() ? null : authorization.get(0));
        if (token.isEmpty()) {
            problems.missingToken(ctx);
            return;
        }
        ctx.vertx().executeBlocking(() -> validator.validate(token.get()), false).onComplete(result -> {
            if (result.succeeded()) {
                authorize(ctx, result.result());
            } else {
                reject(ctx, result.cause());
            }
        });
    }

    private void authorize(RoutingContext ctx, Caller caller) {
        if (!rules.isEmpty()) {
            Buffer body = ctx.body().buffer();
            Optional<String> eventType = EventTypeReader.read(body == null ? null : body.getBytes());
            if (eventType.isEmpty()) {
                problems.unreadableType(ctx);
                return;
            }
            if (!rules.allows(caller, eventType.get())) {
                LOG.info("Edge auth: caller sub={} client={} may not publish type {}",
                        caller.subject(), caller.clientId(), eventType.get());
                problems.forbidden(ctx, eventType.get());
                return;
            }
        }
        MultiMap headers = ctx.request().headers();
        headers.set(Caller.SUBJECT_HEADER, caller.subject());
        if (caller.clientId() != null) {
            headers.set(Caller.CLIENT_ID_HEADER, caller.clientId());
        }
        ctx.next();
    }

    private void reject(RoutingContext ctx, Throwable failure) {
        if (failure instanceof TokenRejectedException rejected) {
            LOG.info("Edge auth: token rejected from {}: {}", ctx.request().remoteAddress(), rejected.getMessage());
            problems.invalidToken(ctx, rejected.getMessage());
        } else {
            LOG.warn("Edge auth: cannot validate tokens: {}", failure.getMessage());
            problems.keysUnavailable(ctx);
        }
    }

    private static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER_PREFIX.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
