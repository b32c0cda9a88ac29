package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.ReceivingLink;
import io.busbridge.emulator.store.DeliveryEncoder;
import io.busbridge.emulator.store.Lock;
import io.busbridge.emulator.store.MessageStore;
import io.busbridge.emulator.store.Settlement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Sender;

/**
 * A client's receiver on a queue, subscription or dead-letter subqueue. Pulls from the store on its own
 * event loop while it has credit; peek-lock deliveries carry the lock token as tag, receive-and-delete ones
 * go pre-settled. Every client disposition is echoed settled with the same outcome type, or
 * Rejected{message-lock-lost} when the lock is gone (contract §9.2).
 */
final class EntityReceiveLink implements LinkEndpoint, ReceivingLink {
    private final AmqpConnection connection;
    private final Sender link;
    private final MessageStore store;
    private final BrokerServices services;
    private final boolean peekLock;
    /** The locked session of a session receiver, set once by {@link SessionAttach}; null for plain receivers. */
    private String sessionId;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private boolean closed;

    private EntityReceiveLink(AmqpConnection connection, Sender link, MessageStore store, BrokerServices services) {
        this.connection = connection;
        this.link = link;
        this.store = store;
        this.services = services;
        this.peekLock = link.getRemoteSenderSettleMode() != SenderSettleMode.SETTLED;
    }

    /** Opens a plain receiver, or hands a session receiver to {@link SessionAttach}. */
    static void attach(AmqpConnection connection, Sender link, MessageStore store, BrokerServices services) {
        EntityReceiveLink receiver = new EntityReceiveLink(connection, link, store, services);
        if (SessionAttach.isSessionReceiver(link)) {
            new SessionAttach(connection, link, store, receiver).attempt();
        } else if (store.requiresSession()) {
            Links.refuse(link, "com.microsoft:argument-error", "It is not possible for an entity that requires "
                    + "sessions to create a non-sessionful message receiver ('" + store.path() + "').");
        } else {
            Links.open(link, receiver);
            store.addConsumer(receiver);
        }
    }

    /** Called by {@link SessionAttach} once the link is open with its session locked. */
    void start(String lockedSessionId) {
        this.sessionId = lockedSessionId;
        store.addConsumer(this);
    }

    @Override
    public String authorizedPath() {
        return store.path();
    }

    @Override
    public void wake() {
        if (!wakeScheduled.getAndSet(true)) {
            connection.run(() -> {
                wakeScheduled.set(false);
                pump();
            });
        }
    }

    @Override
    public void sessionLockLost() {
        connection.run(() -> connection.close(link, Links.error("com.microsoft:session-lock-lost",
                "The session lock has expired on the MessageSession. Accept a new MessageSession.")));
    }

    @Override
    public void onFlow() {
        pump();
    }

    private void pump() {
        while (!closed && link.getCredit() > 0) {
            if (sessionId != null && !store.holdsSession(sessionId, this)) {
                return;
            }
            Lock lock = store.acquire(this, sessionId, peekLock);
            if (lock == null) {
                return;
            }
            byte[] bytes = DeliveryEncoder.encode(lock.message(), peekLock ? lock.lockedUntil() : null);
            Delivery delivery = link.delivery(LockTokens.toTag(lock.token()));
            link.send(bytes, 0, bytes.length);
            link.advance();
            if (peekLock) {
                delivery.setContext(lock.token());
            } else {
                delivery.settle();
            }
        }
    }

    @Override
    public void onDelivery(Delivery delivery) {
        DeliveryState state = delivery.getRemoteState();
        if (!(delivery.getContext() instanceof UUID token) || state == null) {
            return;
        }
        delivery.setContext(null);
        Settlement settlement = Dispositions.toSettlement(state);
        DeliveryState reply = settlement != null && store.settle(token, settlement) ? state : lockLost();
        Dispositions.acknowledge(connection, services, delivery, reply);
    }

    private static DeliveryState lockLost() {
        Rejected rejected = new Rejected();
        rejected.setError(Links.error("com.microsoft:message-lock-lost", "The lock supplied is invalid. Either "
                + "the lock expired, or the message has already been removed from the queue."));
        return rejected;
    }

    @Override
    public void onClosed() {
        closed = true;
        store.removeConsumer(this);
    }
}
