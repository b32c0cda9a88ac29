package io.busbridge.emulator.amqp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * The listener and the timers every connection shares: entity housekeeping (locks, TTL, schedules) and
 * detaching links whose token expired. Also what the fault controls act on. With a key and certificate it
 * also listens for AMQPS (the SDK uses TLS whenever it authenticates with an Entra token).
 */
public final class AmqpServer {
    private static final long SWEEP_MS = 100;
    private static final long TOKEN_CHECK_MS = 250;

    private final Vertx vertx;
    private final BrokerServices services;
    private final String host;
    private final Set<AmqpConnection> connections = ConcurrentHashMap.newKeySet();
    private final long sweepTimer;
    private final long tokenTimer;
    private final KeyCertOptions tlsKeyCert;
    private volatile NetServer server;
    private volatile NetServer tlsServer;
    private volatile int port;
    private volatile int tlsPort;

    /** @param tlsKeyCert the AMQPS listener's key and certificate, or null for plain AMQP only */
    public AmqpServer(Vertx vertx, BrokerServices services, String host, int port, KeyCertOptions tlsKeyCert,
                      int tlsPort) {
        this.vertx = vertx;
        this.services = services;
        this.host = host;
        this.port = port;
        this.tlsKeyCert = tlsKeyCert;
        this.tlsPort = tlsPort;
        this.sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> services.broker().sweep());
        this.tokenTimer = vertx.setPeriodic(TOKEN_CHECK_MS, id -> detachUnauthorizedLinks());
    }

    /** Starts listening (again, on the same port after {@link #stopListener()}); returns the bound port. */
    public synchronized int listen() {
        server = bind(new NetServerOptions().setHost(host).setPort(port));
        port = server.actualPort();
        if (tlsKeyCert != null) {
            tlsServer = bind(new NetServerOptions().setHost(host).setPort(tlsPort).setSsl(true)
                    .setKeyCertOptions(tlsKeyCert));
            tlsPort = tlsServer.actualPort();
        }
        return port;
    }

    private NetServer bind(NetServerOptions options) {
        NetServer netServer = vertx.createNetServer(options.setTcpNoDelay(true));
        netServer.connectHandler(socket -> {
            AmqpConnection[] self = new AmqpConnection[1];
            self[0] = new AmqpConnection(vertx, socket, services, () -> connections.remove(self[0]));
            connections.add(self[0]);
        });
        await(netServer.listen());
        return netServer;
    }

    public int port() {
        return port;
    }

    /** The AMQPS port, or -1 without TLS. */
    public int tlsPort() {
        return tlsKeyCert == null ? -1 : tlsPort;
    }

    /** An outage: no new connections, existing ones dropped. Messages stay in the entities. */
    public synchronized void stopListener() {
        if (server != null) {
            await(server.close());
            server = null;
        }
        if (tlsServer != null) {
            await(tlsServer.close());
            tlsServer = null;
        }
        dropAllConnections();
    }

    /** Returns once every connection's socket is closed. */
    public void dropAllConnections() {
        awaitAll(c -> c.run(c::drop));
    }

    /** Detaches every entity and node link with amqp:link:detach-forced, which the SDK retries. */
    public void detachAllLinks() {
        ErrorCondition error = Links.error("amqp:link:detach-forced", "The link was detached by the emulator (injected fault).");
        awaitAll(c -> c.run(() -> c.detachLinks(endpoint -> true, error)));
    }

    private void awaitAll(java.util.function.Function<AmqpConnection, Future<Void>> action) {
        await(Future.join(connections.stream().map(action).toList()));
    }

    public void close() {
        vertx.cancelTimer(sweepTimer);
        vertx.cancelTimer(tokenTimer);
        stopListener();
    }

    private void detachUnauthorizedLinks() {
        ErrorCondition error = Links.error("amqp:unauthorized-access", "The token has expired.");
        for (AmqpConnection c : connections) {
            c.run(() -> {
                Instant now = services.clock().instant();
                c.detachLinks(e -> e.authorizedPath() != null && !c.tokens().isAuthorized(e.authorizedPath(), now),
                        error);
            });
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("emulator listener: " + e.getMessage(), e);
        }
    }
}
