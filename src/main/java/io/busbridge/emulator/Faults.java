package io.busbridge.emulator;

import io.busbridge.emulator.amqp.AmqpServer;
import io.busbridge.emulator.amqp.FaultState;
import java.time.Duration;

/** Fault injection, for tests and bench: what Service Bus does on a bad day. */
public final class Faults {
    private final FaultState state;
    private final AmqpServer server;

    Faults(FaultState state, AmqpServer server) {
        this.state = state;
        this.server = server;
    }

    /** The next {@code count} transfers to the entity are rejected with com.microsoft:server-busy (retried by the SDK). */
    public Faults rejectNextSends(String entity, int count) {
        state.rejectNextSends(entity, count);
        return this;
    }

    /** Detaches every link of every connection with amqp:link:detach-forced. */
    public Faults detachAllLinks() {
        server.detachAllLinks();
        return this;
    }

    /** Closes every client connection's socket abruptly. */
    public Faults dropAllConnections() {
        server.dropAllConnections();
        return this;
    }

    /** An outage: stops listening and drops every connection; messages are kept. */
    public Faults stopListener() {
        server.stopListener();
        return this;
    }

    /** Ends the outage: listens again on the same port. */
    public Faults restartListener() {
        server.listen();
        return this;
    }

    /** Every send outcome and settlement acknowledgement is sent this much later. */
    public Faults delayAcks(Duration delay) {
        state.ackDelay(delay);
        return this;
    }

    /** Tokens expire this long after put-token whatever their own expiry; links then get detached. */
    public Faults tokenLifetime(Duration lifetime) {
        state.tokenLifetime(lifetime);
        return this;
    }

    /** Clears rejections, ack delay and token lifetime (a stopped listener is restarted with {@link #restartListener()}). */
    public Faults reset() {
        state.reset();
        return this;
    }
}
