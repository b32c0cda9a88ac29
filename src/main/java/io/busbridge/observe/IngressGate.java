package io.busbridge.observe;

import java.util.ArrayList;
import java.util.List;

import io.busbridge.http.Problem;
import io.busbridge.http.ProblemJson;
import io.busbridge.http.ProblemResponse;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of the bridge's HTTP routes (management paths pass straight through):
 * <ul>
 * <li>operator pause: requests are answered 503 problem+json with {@code Retry-After} before any route runs;</li>
 * <li>route swap: while a reload replaces the routes, requests are held (not read) and then routed afresh to
 * the new routes, so that replacing the HTTP route itself answers no request with 503.</li>
 * </ul>
 */
public final class IngressGate implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(IngressGate.class);
    // ahead of the handlers platform-http adds for each route
    private static final int FIRST = -1000;
    // a request is held once: when rerouted it passes even if another swap has begun meanwhile
    private static final String REROUTED = "busbridge.rerouted";

    private record Held(Context context, RoutingContext request) {
    }

    private final int retryAfterSeconds;
    private final ProblemJson problems;
    private volatile String managementPath = "/observe";
    private volatile boolean paused;
    private boolean holding;
    private final List<Held> held = new ArrayList<>();

    public IngressGate(int retryAfterSeconds, ProblemJson problems) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.problems = problems;
    }

    /** Puts the gate in front of every route of {@code router}; requests under {@code managementPath} pass. */
    public void install(Router router, String managementPath) {
        this.managementPath = managementPath;
        router.route().order(FIRST).handler(this);
    }

    public void pause() {
        paused = true;
        LOG.warn("Ingress paused: new requests are answered 503 until resumed");
    }

    public void resume() {
        paused = false;
        LOG.warn("Ingress resumed");
    }

    public boolean isPaused() {
        return paused;
    }

    /** From now until {@link #release}, arriving requests wait. */
    synchronized void hold() {
        holding = true;
    }

    /** Routes the requests that waited, through the routes as they are now. */
    void release() {
        List<Held> waiting;
        synchronized (this) {
            holding = false;
            waiting = new ArrayList<>(held);
            held.clear();
        }
        for (Held request : waiting) {
            request.context().runOnContext(v -> {
                request.request().request().resume();
                request.request().reroute(request.request().request().method(), request.request().request().uri());
            });
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().path().startsWith(managementPath)) {
            ctx.next();
            return;
        }
        if (paused) {
            ProblemResponse.send(ctx, Problem.of(503, "paused", "Ingress paused",
                    "An operator paused ingress; retry after " + retryAfterSeconds + " seconds.")
                    .withRetryAfter(retryAfterSeconds), problems);
            return;
        }
        synchronized (this) {
            if (holding && !ctx.data().containsKey(REROUTED)) {
                ctx.put(REROUTED, true);
                ctx.request().pause();
                held.add(new Held(Vertx.currentContext(), ctx));
                return;
            }
        }
        ctx.next();
    }
}
