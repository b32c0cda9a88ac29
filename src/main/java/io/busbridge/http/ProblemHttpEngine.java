package io.busbridge.http;

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
 * The platform-http engine, with three additions.
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
 */
public final class ProblemHttpEngine extends VertxPlatformHttpEngine {

    private static final String INSTALLED = "busbridge.problem-routes";

    private final int serverPort;
    private final Problems problems;
    private final ProblemJson json;

    public ProblemHttpEngine(int serverPort, Problems problems, ProblemJson json) {
        this.serverPort = serverPort;
        this.problems = problems;
        this.json = json;
    }

    @Override
    public int getServerPort() {
        return serverPort;
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        requireListening();
        installProblemRoutes();
        return super.createConsumer(endpoint, processor);
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
        router.route().last().handler(ctx -> answer(ctx, problems.notFound()));
    }

    private void answer(RoutingContext ctx, Problem problem) {
        ProblemResponse.send(ctx, problem, json);
    }
}
