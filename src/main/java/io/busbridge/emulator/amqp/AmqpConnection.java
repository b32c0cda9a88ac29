package io.busbridge.emulator.amqp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the proton-j engine driven by a Vert.x socket, on the socket's event loop.
 * Vert.x Proton's own receiver decodes each transfer into a single Message and keeps only the first body
 * section, which loses batch (0x80013700) payloads; so the broker drives proton-j directly.
 */
final class AmqpConnection {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    private static final int MAX_FRAME_SIZE = 65536;
    /** proton-j advertises half of this (30 s), as Service Bus does, and sends heartbeats on its own. */
    private static final int IDLE_TIMEOUT_MS = 60_000;

    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final Transport transport = Proton.transport();
    private final Connection connection = Proton.connection();
    private final Collector collector = Proton.collector();
    private final Sasl sasl;
    private final LinkRouter router;
    private final Set<Link> links = new LinkedHashSet<>();
    private final Map<String, Sender> replyLinks = new HashMap<>();
    private final Runnable onGone;
    private long tickTimer = -1;
    private boolean gone;

    AmqpConnection(Vertx vertx, NetSocket socket, BrokerServices services, Runnable onGone) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.socket = socket;
        this.onGone = onGone;
        this.router = new LinkRouter(this, services);
        transport.setMaxFrameSize(MAX_FRAME_SIZE);
        transport.setIdleTimeout(IDLE_TIMEOUT_MS);
        sasl = transport.sasl();
        sasl.server();
        sasl.setMechanisms("ANONYMOUS", "PLAIN");
        connection.collect(collector);
        transport.bind(connection);
        socket.handler(this::onBytes);
        socket.closeHandler(v -> cleanUp());
        socket.exceptionHandler(e -> socket.close());
    }

    Vertx vertx() {
        return vertx;
    }

    /** Runs work on this connection's event loop, then processes the events it caused and writes the frames. */
    Future<Void> run(Runnable work) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (!gone) {
                work.run();
                process();
            }
            done.complete();
        });
        return done.future();
    }

    TokenStore tokens() {
        return router.tokens();
    }

    Map<String, Sender> replyLinks() {
        return replyLinks;
    }

    void track(Link link) {
        links.add(link);
    }

    /** Detaches every link with the given error (fault injection, token expiry). */
    void detachLinks(java.util.function.Predicate<LinkEndpoint> which, ErrorCondition error) {
        for (Link link : new ArrayList<>(links)) {
            if (link.getContext() instanceof LinkEndpoint endpoint && which.test(endpoint)) {
                close(link, error);
            }
        }
    }

    void close(Link link, ErrorCondition error) {
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.setCondition(error);
            link.close();
            forget(link);
        }
    }

    void drop() {
        socket.close();
    }

    private void onBytes(Buffer data) {
        byte[] bytes = data.getBytes();
        int offset = 0;
        while (offset < bytes.length) {
            int capacity = transport.capacity();
            if (capacity <= 0) {
                break;
            }
            int chunk = Math.min(capacity, bytes.length - offset);
            transport.tail().put(bytes, offset, chunk);
            transport.process();
            offset += chunk;
            acceptSasl();
        }
        process();
    }

    /** Authentication happens later through $cbs: any SASL mechanism the client picks succeeds. */
    private void acceptSasl() {
        if (sasl.getRemoteMechanisms().length > 0 && sasl.getOutcome() == Sasl.SaslOutcome.PN_SASL_NONE) {
            sasl.done(Sasl.SaslOutcome.PN_SASL_OK);
        }
    }

    private void process() {
        for (Event event = collector.peek(); event != null; event = collector.peek()) {
            try {
                handle(event);
            } catch (RuntimeException e) {
                fail(event, e);
            } finally {
                collector.pop();
            }
        }
        flush();
    }

    private void handle(Event event) {
        switch (event.getType()) {
            case CONNECTION_REMOTE_OPEN -> {
                connection.setContainer("busbridge-servicebus-emulator");
                connection.open();
                scheduleTick();
            }
            case CONNECTION_REMOTE_CLOSE -> connection.close();
            case SESSION_REMOTE_OPEN -> {
                if (event.getSession().getLocalState() == EndpointState.UNINITIALIZED) {
                    event.getSession().open();
                }
            }
            case SESSION_REMOTE_CLOSE -> event.getSession().close();
            case LINK_REMOTE_OPEN -> {
                track(event.getLink());
                router.attach(event.getLink());
            }
            case LINK_REMOTE_DETACH, LINK_REMOTE_CLOSE -> {
                Link link = event.getLink();
                forget(link);
                if (link.getLocalState() != EndpointState.CLOSED) {
                    if (event.getType() == Event.Type.LINK_REMOTE_CLOSE) {
                        link.close();
                    } else {
                        link.detach();
                    }
                }
            }
            case LINK_FLOW -> endpoint(event.getLink()).onFlow();
            case DELIVERY -> endpoint(event.getLink()).onDelivery(event.getDelivery());
            case TRANSPORT_CLOSED -> socket.close();
            default -> {
            }
        }
    }

    /** A bug in the broker costs the link it happened on (or the connection), never the event loop. */
    private void fail(Event event, RuntimeException e) {
        LOG.warn("emulator failed on {}", event.getType(), e);
        ErrorCondition error = Links.error("amqp:internal-error", "The emulator failed: " + e);
        if (event.getLink() != null) {
            close(event.getLink(), error);
        } else {
            connection.setCondition(error);
            connection.close();
        }
    }

    private LinkEndpoint endpoint(Link link) {
        return link.getContext() instanceof LinkEndpoint endpoint ? endpoint : NoEndpoint.INSTANCE;
    }

    private void forget(Link link) {
        if (links.remove(link) && link.getContext() instanceof LinkEndpoint endpoint) {
            endpoint.onClosed();
        }
        replyLinks.values().remove(link);
    }

    private void flush() {
        while (true) {
            int pending = transport.pending();
            if (pending < 0) {
                socket.close();
                return;
            }
            if (pending == 0) {
                return;
            }
            ByteBuffer head = transport.head();
            byte[] out = new byte[pending];
            head.get(out);
            transport.pop(pending);
            socket.write(Buffer.buffer(out));
        }
    }

    /** Heartbeats and the idle-timeout check are proton-j's; it only needs tick() at the deadline it names. */
    private void scheduleTick() {
        long now = System.nanoTime() / 1_000_000;
        long deadline = transport.tick(now);
        flush();
        if (deadline > 0 && !gone) {
            tickTimer = vertx.setTimer(Math.max(1, deadline - now), id -> scheduleTick());
        }
    }

    private void cleanUp() {
        if (gone) {
            return;
        }
        gone = true;
        vertx.cancelTimer(tickTimer);
        new ArrayList<>(links).forEach(this::forget);
        onGone.run();
    }

    /** For links the broker refused: ignores their traffic. */
    private enum NoEndpoint implements LinkEndpoint {
        INSTANCE;

        @Override
        public void onDelivery(org.apache.qpid.proton.engine.Delivery delivery) {
            delivery.settle();
        }
    }
}
