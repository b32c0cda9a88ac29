package io.busbridge.http.auth;

import io.busbridge.http.Problem;
import io.busbridge.http.ProblemJson;
import io.busbridge.http.ProblemResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

/**
 * The answers the edge gives itself: the application's problem+json documents (RFC 9457), with RFC 6750
 * {@code WWW-Authenticate} challenges on 401/403. Descriptions are fixed texts chosen by the validator,
 * never the token or anything derived from it, so they are safe in a header and in logs.
 * <p>
 * Each answer is counted as {@code busbridge_edge_rejections_total{status,type}}: these requests never become
 * Camel exchanges, so the HTTP request metrics of the routes do not see them.
 */
final class EdgeProblems {

    static final String REALM = "busbridge";

    private final ProblemJson json;
    private final int retryAfterSeconds;
    private final MeterRegistry meters;

    EdgeProblems(ProblemJson json, int retryAfterSeconds, MeterRegistry meters) {
        this.json = json;
        this.retryAfterSeconds = retryAfterSeconds;
        this.meters = meters;
    }

    /** RFC 6750 §3.1: a request without credentials gets a bare challenge, no error code. */
    void missingToken(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        send(ctx, Problem.of(401, "unauthorized", "Unauthorized",
                "a bearer token is required (Authorization: Bearer <JWT>)"));
    }

    void invalidToken(RoutingContext ctx, String description) {
        ctx.response().putHeader("WWW-Authenticate", challenge("invalid_token", description));
        send(ctx, Problem.of(401, "invalid-token", "Unauthorized", description));
    }

    void forbidden(RoutingContext ctx, String eventType) {
        ctx.response().putHeader("WWW-Authenticate",
                challenge("insufficient_scope", "the token grants no scope or group for this event type"));
        send(ctx, Problem.of(403, "forbidden", "Forbidden",
                "the caller may not publish events of type '" + eventType + "'"));
    }

    void unreadableType(RoutingContext ctx) {
        send(ctx, Problem.of(400, "malformed-json", "Malformed request body",
                "the body must be a JSON object with exactly one string member 'type' (1 to 128 characters)"));
    }

    void keysUnavailable(RoutingContext ctx) {
        send(ctx, Problem.of(503, "service-unavailable", "Service unavailable",
                "the token issuer's signing keys cannot be fetched right now; retry later")
                .withRetryAfter(retryAfterSeconds));
    }

    private static String challenge(String error, String description) {
        return "Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\"" + description + "\"";
    }

    private void send(RoutingContext ctx, Problem problem) {
        Counter.builder("busbridge.edge.rejections")
                .description("Requests the edge answered itself (no route ran), by status and problem type")
                .tag("status", Integer.toString(problem.status())).tag("type", problem.slug())
                .register(meters).increment();
        ProblemResponse.send(ctx, problem, json);
    }
}
