package io.busbridge.http;

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
 * Retry-After rather than a bare 503 or a 404.
 */
public final class ProblemHttpEngine extends VertxPlatformHttpEngine {

    private static final String INSTALLED = "busbridge.problem-routes";

    private final int serverPort;
    private final Problems problems;
    private final ProblemJson json;
    /** Requests handed to Camel and not yet answered, across all HTTP routes, and how many may be. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final int maxAdmitted;
    /** Paths whose route is stopped (shutdown, a reload): unavailable for now, not unknown. */
    private final Set<String> stoppedPaths = ConcurrentHashMap.newKeySet();

    /**
     * @param maxAdmitted requests handed to Camel at once; the rest are refused at once (see
     *                    {@link SuspendAwareConsumer#handleRequest})
     */
    public ProblemHttpEngine(int serverPort, Problems problems, ProblemJson json, int maxAdmitted) {
        this.serverPort = serverPort;
        this.problems = problems;
        this.json = json;
        this.maxAdmitted = maxAdmitted;
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

        SuspendAwareConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, getHandlers(), VertxPlatformHttpRouter.getRouterNameFromPort(serverPort));
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            stoppedPaths.remove(getEndpoint().getPath());
        }

        @Override
        protected void doStop() throws Exception {
            stoppedPaths.add(getEndpoint().getPath());
            super.doStop();
        }

        /**
         * Runs on the event loop. Past {@code maxAdmitted} a request is refused here, at once, with 503 and
         * Retry-After, before Camel creates an exchange for it: under overload the refusals stay cheap and
         * nothing of them is held.
         */
        @Override
        protected void handleRequest(RoutingContext ctx) {
            // A stopping or stopped consumer (shutdown, or the old consumer while a reload swaps the route) can
            // still be reached through its Vert.x route; its executor would refuse the request with a bare 500.
            if (isSuspended() || !isRunAllowed()) {
                answer(ctx, problems.forServerStatus(503));
                return;
            }
            if (admitted.incrementAndGet() > maxAdmitted) {
                admitted.decrementAndGet();
                answer(ctx, problems.overloaded());
                return;
            }
            // Released as the answer's head is written: an end handler runs only once the write has completed, by
            // when the client may have sent its next request on the connection, and found the cap still full.
            ctx.addHeadersEndHandler(head -> admitted.decrementAndGet());
            ctx.addEndHandler(ended -> {
                if (!ctx.response().headWritten()) {
                    admitted.decrementAndGet();
                }
            });
            super.handleRequest(ctx);
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
