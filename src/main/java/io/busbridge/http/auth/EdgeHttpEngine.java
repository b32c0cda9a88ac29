package io.busbridge.http.auth;

import java.util.List;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine, bound as {@code platform-http-engine} so that Camel uses it instead of creating
 * its own. It puts the edge handlers into every Camel HTTP route: platform-http-vertx runs an engine's
 * handlers after the body handler and before the Camel consumer, so they see each request before any route
 * does, and a route cannot exist without them (no start-up window in which requests bypass the edge).
 * <p>
 * It also answers the configured server port: in Camel 4.17 the stock engine guesses the port by looking for
 * a single HTTP server, finds two once the management server runs, falls back to 8080 and fails start-up
 * for any other port (fixed in 4.18).
 */
public final class EdgeHttpEngine extends VertxPlatformHttpEngine {

    private final int serverPort;

    public EdgeHttpEngine(int serverPort, List<Handler<RoutingContext>> edgeHandlers) {
        this.serverPort = serverPort;
        setHandlers(List.copyOf(edgeHandlers));
    }

    @Override
    public int getServerPort() {
        return serverPort;
    }
}
