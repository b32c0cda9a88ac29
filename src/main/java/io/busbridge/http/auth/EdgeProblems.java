package io.busbridge.http.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The answers the edge gives itself, as RFC 9457 {@code application/problem+json}, with RFC 6750
 * {@code WWW-Authenticate} challenges on 401/403. Descriptions are fixed texts chosen by the validator,
 * never the token or anything derived from it, so they are safe in a header and in logs.
 */
final class EdgeProblems {

    static final String REALM = "busbridge";
    private static final String TYPE_PREFIX = "urn:busbridge:problem:";
    /** Seconds a caller waits before retrying when the issuer's keys could not be fetched. */
    private static final String KEYS_RETRY_AFTER_SECONDS = "5";

    private EdgeProblems() {
    }

    /** RFC 6750 §3.1: a request without credentials gets a bare challenge, no error code. */
    static void missingToken(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        send(ctx, 401, "unauthorized", "Unauthorized", "a bearer token is required (Authorization: Bearer <JWT>)");
    }

    static void invalidToken(RoutingContext ctx, String description) {
        ctx.response().putHeader("WWW-Authenticate", challenge("invalid_token", description));
        send(ctx, 401, "invalid-token", "Unauthorized", description);
    }

    static void forbidden(RoutingContext ctx, String eventType) {
        ctx.response().putHeader("WWW-Authenticate",
                challenge("insufficient_scope", "the token grants no scope or group for this event type"));
        send(ctx, 403, "forbidden", "Forbidden",
                "the caller may not publish events of type '" + eventType + "'");
    }

    static void unreadableType(RoutingContext ctx) {
        send(ctx, 400, "malformed-request", "Bad Request",
                "the body must be a JSON object with exactly one string member 'type'");
    }

    static void keysUnavailable(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", KEYS_RETRY_AFTER_SECONDS);
        send(ctx, 503, "auth-unavailable", "Service Unavailable",
                "the token issuer's signing keys cannot be fetched right now; retry later");
    }

    private static String challenge(String error, String description) {
        return "Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\"" + description + "\"";
    }

    private static void send(RoutingContext ctx, int status, String type, String title, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", TYPE_PREFIX + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
    }
}
