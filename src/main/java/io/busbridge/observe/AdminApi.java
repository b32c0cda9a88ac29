package io.busbridge.observe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.busbridge.http.Problem;
import io.busbridge.http.ProblemJson;
import io.busbridge.http.ProblemResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letter admin API on the management port, for callers holding the admin bearer token:
 * <pre>
 * GET  {base}/deadletters/{entity}?max=50       list (peek: nothing is locked or removed)
 * POST {base}/deadletters/{entity}/replay       {"sequenceNumbers":[..]} | {"messageIds":[..]} | {"all":true}
 * </pre>
 * {@code entity} is a queue or {@code topic/subscriptions/name}. SDK calls block, so they run off the event loop.
 */
public final class AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RETRY_AFTER_SECONDS = 30;
    private static final String REPLAY = "/replay";
    private static final int DEFAULT_MAX = 50;
    private static final int MAX_LIMIT = 1000;

    private final String base;
    private final byte[] token;
    private final DeadLetterQueues deadLetters;
    private final DeadLetterReplay replay;
    private final ProblemJson problems;

    public AdminApi(String base, String token, DeadLetterQueues deadLetters, DeadLetterReplay replay,
                    ProblemJson problems) {
        this.base = base;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.problems = problems;
    }

    public void install(Router router) {
        String deadLettersPath = base + "/deadletters/*";
        router.route(deadLettersPath).order(-1).handler(this::authenticate);
        router.route(HttpMethod.GET, deadLettersPath).blockingHandler(this::list, false);
        router.route(HttpMethod.POST, deadLettersPath).handler(BodyHandler.create().setBodyLimit(64 * 1024))
                .blockingHandler(this::replay, false);
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (MessageDigest.isEqual(given, token)) {
            ctx.next();
        } else {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            problem(ctx, 401, "unauthorized", "Unauthorized", "the admin API needs Authorization: Bearer <admin token>");
        }
    }

    private void list(RoutingContext ctx) {
        String entity = entity(ctx, "");
        String maxParam = ctx.request().params().get("max");
        int max;
        try {
            max = maxParam == null ? DEFAULT_MAX : Math.min(MAX_LIMIT, Integer.parseInt(maxParam));
            EntityPath.parse(entity);
        } catch (IllegalArgumentException e) {
            problem(ctx, 400, "bad-request", "Bad request",
                    "max must be a whole number; the path must name a queue or topic/subscriptions/name");
            return;
        }
        try {
            answer(ctx, 200, Map.of("entity", entity, "deadLetters", deadLetters.list(entity, max)));
        } catch (RuntimeException e) {
            if (isEntityNotFound(e)) {
                problem(ctx, 404, "entity-not-found", "Entity not found", "Service Bus has no entity '" + entity + "'");
            } else {
                serviceBusFailure(ctx, entity, e, "listing failed");
            }
        }
    }

    private void replay(RoutingContext ctx) {
        if (!ctx.request().path().endsWith(REPLAY)) {
            problem(ctx, 404, "not-found", "Not found", "POST " + base + "/deadletters/{entity}/replay");
            return;
        }
        String entity = entity(ctx, REPLAY);
        DeadLetterReplay.Selection selection;
        try {
            selection = selection(ctx.body().asString());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problem(ctx, 400, "bad-request", "Bad request", "the body must be {\"sequenceNumbers\":[...]},"
                    + " {\"messageIds\":[...]} or {\"all\":true}");
            return;
        }
        try {
            DeadLetterReplay.Result result = replay.replay(entity, selection);
            answer(ctx, 200, Map.of("entity", entity, "replayed", result.replayed(),
                    "keptInDuplicateWindow", result.keptInDuplicateWindow()));
        } catch (ReplayRefusedException e) {
            problem(ctx, 409, "replay-refused", "Replay refused", e.getMessage());
        } catch (IllegalArgumentException e) {
            problem(ctx, 400, "bad-request", "Bad request", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem(ctx, 503, "interrupted", "Replay interrupted", "the bridge is shutting down; retry");
        } catch (RuntimeException e) {
            if (isEntityNotFound(e)) {
                problem(ctx, 409, "replay-target-missing", "Replay target missing", "Service Bus has no entity"
                        + " to send these messages back to; create it (or fix the route), then replay. Nothing was"
                        + " removed that was not sent: see the audit log");
            } else {
                serviceBusFailure(ctx, entity, e,
                        "replay stopped; what was replayed is in the audit log, the rest stays where it was");
            }
        }
    }

    private static boolean isEntityNotFound(RuntimeException e) {
        return e instanceof ServiceBusException sb && sb.getReason() == ServiceBusFailureReason.MESSAGING_ENTITY_NOT_FOUND;
    }

    /** 503 with Retry-After for Service Bus trouble: never a 500 with a stack trace. */
    private void serviceBusFailure(RoutingContext ctx, String entity, RuntimeException e, String what) {
        LOG.atWarn().addKeyValue("entity", entity).addKeyValue("reason", e.getClass().getSimpleName())
                .log("Dead-letter admin call failed: " + what);
        ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        problem(ctx, 503, "servicebus-unavailable", "Service Bus unavailable", what + " (" + e.getClass().getSimpleName() + ")");
    }

    private static DeadLetterReplay.Selection selection(String body) throws JsonProcessingException {
        JsonNode json = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        if (json.path("all").asBoolean(false)) {
            return DeadLetterReplay.Selection.all();
        }
        Set<Long> sequenceNumbers = new HashSet<>();
        json.path("sequenceNumbers").forEach(n -> sequenceNumbers.add(n.asLong()));
        Set<String> messageIds = new HashSet<>();
        json.path("messageIds").forEach(n -> messageIds.add(n.asText()));
        if (sequenceNumbers.isEmpty() && messageIds.isEmpty()) {
            throw new IllegalArgumentException("nothing selected"); // "all" must be said explicitly
        }
        return new DeadLetterReplay.Selection(sequenceNumbers, messageIds);
    }

    private String entity(RoutingContext ctx, String suffix) {
        String path = ctx.request().path().substring((base + "/deadletters/").length());
        return path.substring(0, path.length() - suffix.length());
    }

    private static void answer(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void problem(RoutingContext ctx, int status, String type, String title, String detail) {
        ProblemResponse.send(ctx, Problem.of(status, type, title, detail), problems);
    }
}
