package io.busbridge.http.tls;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTPS listener that requires a client certificate from a trusted CA (API Gateway's backend client
 * certificate) and serves the same Vert.x router as Camel's HTTP server, so requests take exactly the same
 * path: body limits, the edge auth handlers, the routes.
 * <p>
 * Why a second listener: Camel 4.17's platform-http-vertx builds its HTTP server options itself and has no
 * setting for client authentication ({@code camel.server.use-global-ssl-context-parameters} passes key and trust
 * material only; Vert.x then never asks for a client certificate). Camel's own listener is therefore kept on
 * loopback while this one is on (see {@link MutualTlsConfiguration}).
 */
public final class MutualTlsListener extends ServiceSupport implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(MutualTlsListener.class);

    private final MutualTlsSettings settings;
    private final String camelRouterName;
    private HttpServer server;

    MutualTlsListener(MutualTlsSettings settings, int camelServerPort) {
        this.settings = settings;
        this.camelRouterName = VertxPlatformHttpRouter.getRouterNameFromPort(camelServerPort);
    }

    /** Starts once the routes run, so the router it serves is complete. */
    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, camelRouterName);
        Vertx vertx = router.vertx();
        server = vertx.createHttpServer(serverOptions())
                .requestHandler(router)
                .listen(settings.port(), settings.host())
                .toCompletionStage().toCompletableFuture().get();
        LOG.info("mTLS listener on {}:{} (client certificate required, trusted CAs from {})",
                settings.host(), server.actualPort(), settings.trustStore());
    }

    /** The bound port; differs from the configured one when that is 0 (tests). */
    public int actualPort() {
        return server.actualPort();
    }

    private HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                .setSsl(true)
                .setClientAuth(ClientAuth.REQUIRED)
                .setKeyCertOptions(new KeyStoreOptions().setType("PKCS12")
                        .setPath(settings.keyStore()).setPassword(settings.keyStorePassword()))
                .setTrustOptions(new KeyStoreOptions().setType("PKCS12")
                        .setPath(settings.trustStore()).setPassword(settings.trustStorePassword()));
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get();
            server = null;
        }
    }
}
