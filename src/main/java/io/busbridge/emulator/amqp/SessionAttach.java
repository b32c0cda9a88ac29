package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.MessageStore;
import java.time.Instant;
import java.util.Map;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.engine.Sender;

/**
 * Attach of a session receiver (contract §7): a named session or, with a null session filter, the next
 * available one. The answer echoes the locked session id in the source filter and gives the session lock
 * expiry as .NET ticks; when no session is free the attach fails with com.microsoft:timeout after a short wait.
 */
final class SessionAttach {
    static final Symbol SESSION_FILTER = Symbol.valueOf("com.microsoft:session-filter");
    private static final Symbol LOCKED_UNTIL_UTC = Symbol.valueOf("com.microsoft:locked-until-utc");
    private static final long EPOCH_TICKS = 621_355_968_000_000_000L;
    private static final long RETRY_MS = 200;
    private static final int ATTEMPTS = 5;

    private final AmqpConnection connection;
    private final Sender link;
    private final MessageStore store;
    private final EntityReceiveLink receiver;
    private final String requested;
    private int attemptsLeft = ATTEMPTS;

    SessionAttach(AmqpConnection connection, Sender link, MessageStore store, EntityReceiveLink receiver) {
        this.connection = connection;
        this.link = link;
        this.store = store;
        this.receiver = receiver;
        Object filterValue = ((Source) link.getRemoteSource()).getFilter().get(SESSION_FILTER);
        this.requested = filterValue == null ? null : filterValue.toString();
    }

    static boolean isSessionReceiver(Sender link) {
        Map<Symbol, Object> filter = ((Source) link.getRemoteSource()).getFilter();
        return filter != null && filter.containsKey(SESSION_FILTER);
    }

    void attempt() {
        if (link.getRemoteState() == org.apache.qpid.proton.engine.EndpointState.CLOSED) {
            return;
        }
        if (!store.requiresSession()) {
            Links.refuse(link, "com.microsoft:argument-error",
                    "'" + store.path() + "' does not require sessions; use a non-session receiver.");
            return;
        }
        String sessionId = store.lockSession(requested, receiver);
        if (sessionId != null) {
            open(sessionId, store.renewSessionLock(sessionId, holder -> holder == receiver));
        } else if (requested != null) {
            Links.refuse(link, "com.microsoft:session-cannot-be-locked",
                    "The requested session '" + requested + "' cannot be accepted. It may be locked by another receiver.");
        } else if (--attemptsLeft > 0) {
            connection.vertx().setTimer(RETRY_MS, id -> connection.run(this::attempt));
        } else {
            Links.refuse(link, "com.microsoft:timeout", "No session available to accept on '" + store.path() + "'.");
        }
    }

    private void open(String sessionId, Instant lockedUntil) {
        Source remote = (Source) link.getRemoteSource();
        Source source = new Source();
        source.setAddress(remote.getAddress());
        source.setFilter(Map.of(SESSION_FILTER, sessionId));
        source.setDefaultOutcome(remote.getDefaultOutcome());
        source.setOutcomes(remote.getOutcomes());
        link.setSource(source);
        link.setTarget(link.getRemoteTarget());
        link.setSenderSettleMode(link.getRemoteSenderSettleMode());
        link.setReceiverSettleMode(link.getRemoteReceiverSettleMode());
        link.setProperties(Map.of(LOCKED_UNTIL_UTC, EPOCH_TICKS + lockedUntil.toEpochMilli() * 10_000));
        link.setContext(receiver);
        link.open();
        receiver.start(sessionId);
    }
}
