package io.busbridge.emulator.amqp;

import java.util.Map;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.Source;
import org.apache.qpid.proton.amqp.transport.Target;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;

/** Attach helpers shared by every kind of link. */
final class Links {
    private Links() {
    }

    static String sourceAddress(Link link) {
        Source source = link.getRemoteSource();
        return source == null ? null : source.getAddress();
    }

    static String targetAddress(Link link) {
        Target target = link.getRemoteTarget();
        return target instanceof org.apache.qpid.proton.amqp.messaging.Target t ? t.getAddress() : null;
    }

    /** Opens the link echoing the client's terminus: the SDK needs a non-null source and target (contract §4.1). */
    static void open(Link link, LinkEndpoint endpoint) {
        link.setSource(link.getRemoteSource());
        link.setTarget(link.getRemoteTarget());
        link.setSenderSettleMode(link.getRemoteSenderSettleMode());
        link.setReceiverSettleMode(link.getRemoteReceiverSettleMode());
        link.setContext(endpoint);
        link.open();
    }

    /** Answers the attach with a null terminus on our side, then detaches with the error (contract §13). */
    static void refuse(Link link, String condition, String description) {
        if (link instanceof Receiver) {
            link.setSource(link.getRemoteSource());
        } else {
            link.setTarget(link.getRemoteTarget());
        }
        link.open();
        link.setCondition(error(condition, description));
        link.close();
    }

    /**
     * Reads a complete incoming transfer, moves past it, and tops the link's credit back up to {@code window}
     * once half of it is used (the SDK only sends while it holds credit, contract §5).
     */
    static byte[] receive(Receiver link, Delivery delivery, int window) {
        byte[] bytes = new byte[delivery.pending()];
        link.recv(bytes, 0, bytes.length);
        link.advance();
        if (link.getLocalState() == EndpointState.ACTIVE && link.getCredit() < window / 2) {
            link.flow(window - link.getCredit());
        }
        return bytes;
    }

    static ErrorCondition error(String condition, String description) {
        return new ErrorCondition(Symbol.valueOf(condition), description);
    }

    static ErrorCondition error(String condition, String description, Map<Symbol, Object> info) {
        ErrorCondition error = error(condition, description);
        error.setInfo(info);
        return error;
    }
}
