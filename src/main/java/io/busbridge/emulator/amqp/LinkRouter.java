package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.Destination;
import io.busbridge.emulator.store.MessageStore;
import io.busbridge.emulator.store.SubscriptionRules;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;

/** Decides, for each attach of one connection, which node or entity the link talks to. */
final class LinkRouter {
    private static final String CBS = "$cbs";
    private static final String MANAGEMENT_SUFFIX = "/$management";

    private final AmqpConnection connection;
    private final BrokerServices services;
    private final TokenStore tokens = new TokenStore();

    LinkRouter(AmqpConnection connection, BrokerServices services) {
        this.connection = connection;
        this.services = services;
    }

    TokenStore tokens() {
        return tokens;
    }

    void attach(Link link) {
        if (link instanceof Receiver receiver) {
            attachIncoming(receiver, Links.targetAddress(link));
        } else {
            attachOutgoing((Sender) link, Links.sourceAddress(link));
        }
    }

    /** The client sends: to $cbs, to a $management node, or to a queue or topic. */
    private void attachIncoming(Receiver link, String address) {
        if (address == null) {
            Links.refuse(link, "amqp:not-implemented", "Transactions are not supported by the emulator.");
        } else if (address.equals(CBS)) {
            new RequestLink(connection, link, new CbsNode(tokens, services), null);
        } else if (address.endsWith(MANAGEMENT_SUFFIX)) {
            String entityPath = address.substring(0, address.length() - MANAGEMENT_SUFFIX.length());
            MessageStore store = services.broker().store(entityPath);
            Destination destination = services.broker().destination(entityPath);
            if (store == null && destination == null) {
                refuseNotFound(link, entityPath);
            } else if (isAuthorized(link, entityPath)) {
                new RequestLink(connection, link, new ManagementNode(store, destination, ruleOperations(entityPath)),
                        entityPath);
            }
        } else {
            Destination destination = services.broker().destination(address);
            if (destination == null) {
                refuseNotFound(link, address);
            } else if (isAuthorized(link, address)) {
                new EntitySendLink(connection, link, destination, services);
            }
        }
    }

    /** The client receives: replies from $cbs or $management, or messages from an entity. */
    private void attachOutgoing(Sender link, String address) {
        if (address == null) {
            Links.refuse(link, "amqp:invalid-field", "A source address is required.");
        } else if (address.equals(CBS) || address.endsWith(MANAGEMENT_SUFFIX)) {
            connection.replyLinks().put(Links.targetAddress(link), link);
            Links.open(link, delivery -> delivery.settle());
        } else {
            MessageStore store = services.broker().store(address);
            if (store == null) {
                refuseNotFound(link, address);
            } else if (isAuthorized(link, address)) {
                EntityReceiveLink.attach(connection, link, store, services);
            }
        }
    }

    private RuleOperations ruleOperations(String entityPath) {
        SubscriptionRules rules = services.broker().rules(entityPath);
        return rules == null ? null : new RuleOperations(rules, entityPath, services.broker()::notFound);
    }

    private boolean isAuthorized(Link link, String path) {
        if (tokens.isAuthorized(path, services.clock().instant())) {
            return true;
        }
        Links.refuse(link, "amqp:unauthorized-access", "Unauthorized access. No valid token for '" + path + "'.");
        return false;
    }

    private void refuseNotFound(Link link, String address) {
        Links.refuse(link, "amqp:not-found", services.broker().notFound(address));
    }
}
