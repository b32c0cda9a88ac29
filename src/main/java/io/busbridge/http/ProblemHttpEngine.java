package io.busbridge.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.busbridge.SettingsException;

/**
 * The platform-http engine, with four additions.
 *
 * <p>It reports the configured server port. Camel 4.17.0 otherwise assumes 8080 as soon as the
 * management server runs on another port ("No PlatformHttpEngine created and setup in registry
 * with name: platform-http-router-8080"); fixed in 4.18.
 *
 * <p>It answers what the HTTP server decides by itself with problem+json instead of Vert.x's
 * plain text: unknown paths (404) and server-side failures such as an oversized body (413).
 * Vert.x ignores error handlers on the sub-router Camel exposes, so these are ordinary routes on it.
 *
 * <p>It refuses to serve when the server could not bind its port (see {@link #requireListening()}).
 *
 * <p>While a route is suspended or stopped (during shutdown), its requests get a 503 problem with
 * Retry-After rather than a bare 503 or a 404. A route that stops (shutdown, a reload replacing it) first
 * answers the requests it has taken.
 */
public final class ProblemHttpEngine extends VertxPlatformHttpEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHttpEngine.class);
    private static final String INSTALLED = "busbridge.problem-routes";
    // a request that met a stopping route is routed once more, to the route replacing it if there is one
    private static final String REROUTED = "busbridge.rerouted-from-stopped";

    private final int serverPort;
    private final Problems problems;
    private final ProblemJson json;
    /** Requests handed to Camel and not yet answered, across all HTTP routes, and how many may be. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final int maxAdmitted;
    /** How long a stopping route waits for the requests it has taken: their publish deadline, and a margin. */
    private final Duration stopWait;
    /** Paths whose route is stopped (shutdown, a reload): unavailable for now, not unknown. */
    private final Set<String> stoppedPaths = ConcurrentHashMap.newKeySet();

    /**
     * @param maxAdmitted requests handed to Camel at once; the rest are refused at once (see
     *                    {@link SuspendAwareConsumer#handleRequest})
     * @param stopWait    how long a stopping route waits for the requests it has already taken
     */
    public ProblemHttpEngine(int serverPort, Problems problems, ProblemJson json, int maxAdmitted,
                             Duration stopWait) {
        this.serverPort = serverPort;
        this.problems = problems;
        this.json = json;
        this.maxAdmitted = maxAdmitted;
        this.stopWait = stopWait;
    }

    @Override
    public int getServerPort() {
        return serverPort;
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        requireListening();
        installProblemRoutes();
        return new SuspendAwareConsumer(endpoint, processor);
    }

    /**
     * Camel answers requests for a suspended route (shutdown suspends the routes before stopping them) with a
     * bare 503, without Retry-After or a problem document; callers retry by Retry-After, so it gets both.
     */
    private final class SuspendAwareConsumer extends AsyncHttpConsumer {

        private final RequestsInProgress inProgress = new RequestsInProgress();

        SuspendAwareConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, getHandlers(), VertxPlatformHttpRouter.getRouterNameFromPort(serverPort));
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            inProgress.open();
            stoppedPaths.remove(getEndpoint().getPath());
        }

        /** Camel suspends an HTTP consumer first when it stops its route (shutdown, a reload). */
        @Override
        protected void doSuspend() throws Exception {
            answerTakenRequests();
            super.doSuspend();
        }

        @Override
        protected void doResume() throws Exception {
            super.doResume();
            inProgress.open();
        }

        @Override
        protected void doStop() throws Exception {
            stoppedPaths.add(getEndpoint().getPath());
            answerTakenRequests();
            super.doStop();
        }

        /**
         * Waits, while the route still runs, for the requests this consumer has taken. Camel's shutdown waits only
         * for exchanges that have entered the route; a request taken but not yet routed would meet a stopping
         * route and get a bare 500. Seen on reloads of the HTTP route under load while requests queued for a
         * worker thread (Camel's own consumer); with {@link AsyncHttpConsumer} a request is routed on the turn it
         * is taken, so the wait is short, but the guarantee no longer depends on that.
         */
        private void answerTakenRequests() throws InterruptedException {
            int unanswered = inProgress.closeAndAwait(stopWait);
            if (unanswered > 0) {
                LOG.warn("Stopping {} with {} requests still unanswered after {} ms", getEndpoint().getPath(),
                        unanswered, stopWait.toMillis());
            }
        }

        /**
         * Runs on the event loop. Past {@code maxAdmitted} a request is refused here, at once, with 503 and
         * Retry-After, before Camel creates an exchange for it: under overload the refusals stay cheap and
         * nothing of them is held.
         */
        @Override
        protected void handleRequest(RoutingContext ctx) {
            if (isSuspended()) {
                answer(ctx, problems.forServerStatus(503));
                return;
            }
            if (!inProgress.enter()) {
                rerouteFromStopped(ctx);
                return;
            }
            if (admitted.incrementAndGet() > maxAdmitted) {
                admitted.decrementAndGet();
                inProgress.leave();
                answer(ctx, problems.overloaded());
                return;
            }
            // The cap is released as the answer's head is written: an end handler runs only once the write has
            // completed, by when the client may have sent its next request on the connection and found it full.
            ctx.addHeadersEndHandler(head -> admitted.decrementAndGet());
            ctx.addEndHandler(ended -> {
                if (!ctx.response().headWritten()) {
                    admitted.decrementAndGet();
                }
                inProgress.leave();
            });
            super.handleRequest(ctx);
        }

        /**
         * A stopping consumer is still reachable through its Vert.x route until it has stopped. During a reload
         * the request goes round once more: the ingress gate holds it until the new route is in place. During
         * shutdown it comes back here and gets 503 with Retry-After.
         */
        private void rerouteFromStopped(RoutingContext ctx) {
            if (ctx.get(REROUTED) != null) {
                answer(ctx, problems.forServerStatus(503));
                return;
            }
            ctx.put(REROUTED, Boolean.TRUE);
            ctx.reroute(ctx.request().method(), ctx.request().uri());
        }
    }

    /**
     * Camel 4.17 only logs a WARN when the HTTP server cannot bind its port and starts anyway: readiness
     * would be UP with nothing listening. Refusing the consumer stops start-up with one line instead.
     */
    private void requireListening() {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(serverPort));
        if (router == null) {
            return;
        }
        VertxPlatformHttpServer server = router.getServer();
        // A failed listen leaves the server closed (its actualPort() is set all the same); the public
        // HttpServer interface of Vert.x 4.5 has no such query.
        if (server.getServer() instanceof HttpServerImpl listener && listener.isClosed()) {
            throw new SettingsException("the HTTP listener cannot listen on " + server.getHost() + ":" + serverPort
                    + " (port taken or not allowed); set BUSBRIDGE_HTTP_PORT to a free port");
        }
    }

    /** Once per router: a server restarted by Camel comes with a new router and gets them again. */
    private synchronized void installProblemRoutes() {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(serverPort));
        if (router == null || router.metadata().containsKey(INSTALLED)) {
            return;
        }
        router.putMetadata(INSTALLED, Boolean.TRUE);
        router.route().failureHandler(ctx -> answer(ctx, problems.forServerStatus(ctx.statusCode())));
        router.route().last().handler(ctx -> answer(ctx, stoppedPaths.contains(ctx.normalizedPath())
                ? problems.forServerStatus(503) : problems.notFound()));
    }

    private void answer(RoutingContext ctx, Problem problem) {
        ProblemResponse.send(ctx, problem, json);
    }
}
