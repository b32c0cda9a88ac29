package io.busbridge.observe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Dead-letter admin API on the management port, for callers holding the admin bearer token:
 * <pre>
 * GET  {base}/deadletters/{entity}?max=50       list (peek: nothing is locked or removed)
 * POST {base}/deadletters/{entity}/replay       {"sequenceNumbers":[..]} | {"messageIds":[..]} | {"all":true}
 * </pre>
 * {@code entity} is a queue or {@code topic/subscriptions/name}. SDK calls block, so they run off the event loop.
 */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPLAY = "/replay";
    private static final int DEFAULT_MAX = 50;
    private static final int MAX_LIMIT = 1000;

    private final String base;
    private final byte[] token;
    private final DeadLetterQueues deadLetters;
    private final DeadLetterReplay replay;

    public AdminApi(String base, String token, DeadLetterQueues deadLetters, DeadLetterReplay replay) {
        this.base = base;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.deadLetters = deadLetters;
        this.replay = replay;
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
        try {
            int max = Math.min(MAX_LIMIT, Integer.parseInt(ctx.request().params().get("max") == null
                    ? Integer.toString(DEFAULT_MAX) : ctx.request().params().get("max")));
            EntityPath.parse(entity);
            answer(ctx, 200, Map.of("entity", entity, "deadLetters", deadLetters.list(entity, max)));
        } catch (IllegalArgumentException e) {
            problem(ctx, 400, "bad-request", "Bad request", "max must be a number and entity " + e.getMessage());
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
            ctx.response().putHeader("Retry-After", "30");
            problem(ctx, 503, "servicebus-unavailable", "Service Bus unavailable", "replay stopped: "
                    + e.getClass().getSimpleName() + "; what was replayed is in the audit log, the rest stays dead-lettered");
        }
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

    private static void problem(RoutingContext ctx, int status, String type, String title, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(Problems.json(type, title, status, detail));
    }
}
