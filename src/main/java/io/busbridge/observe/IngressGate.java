package io.busbridge.observe;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator pause of ingress: while paused, every request to the bridge's HTTP routes is answered
 * 503 problem+json with {@code Retry-After} before any route runs; management paths stay open.
 */
public final class IngressGate implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(IngressGate.class);
    // ahead of the handlers platform-http adds for each route
    private static final int FIRST = -1000;

    private final String managementPath;
    private final int retryAfterSeconds;
    private volatile boolean paused;

    public IngressGate(String managementPath, int retryAfterSeconds) {
        this.managementPath = managementPath;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Puts the gate in front of every route of {@code router}. */
    public void install(Router router) {
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

    @Override
    public void handle(RoutingContext ctx) {
        if (!paused || ctx.request().path().startsWith(managementPath)) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                .putHeader("Retry-After", Integer.toString(retryAfterSeconds))
                .end(Problems.json("paused", "Ingress paused", 503,
                        "An operator paused ingress; retry after " + retryAfterSeconds + " seconds."));
    }
}
