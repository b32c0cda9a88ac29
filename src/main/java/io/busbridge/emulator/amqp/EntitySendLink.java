package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.Destination;
import io.busbridge.emulator.store.SendRejectedException;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;

/**
 * A client's sender to a queue or topic. Advertises max-message-size (the SDK sizes its buffers and batches
 * by it, contract §5), keeps credit topped up, and settles every transfer with Accepted or Rejected{error}.
 */
final class EntitySendLink implements LinkEndpoint {
    private static final int CREDIT = 1000;
    /** Service Bus refuses a batch above 1 MiB even where the link takes larger messages (Premium, large messages). */
    static final int MAX_BATCH_BYTES = 1024 * 1024;

    private final AmqpConnection connection;
    private final Receiver link;
    private final Destination destination;
    private final BrokerServices services;

    EntitySendLink(AmqpConnection connection, Receiver link, Destination destination, BrokerServices services) {
        this.connection = connection;
        this.link = link;
        this.destination = destination;
        this.services = services;
        link.setMaxMessageSize(UnsignedLong.valueOf(services.maxMessageSizeBytes()));
        Links.open(link, this);
        link.flow(CREDIT);
    }

    @Override
    public String authorizedPath() {
        return destination.name();
    }

    @Override
    public void onDelivery(Delivery delivery) {
        if (!delivery.isReadable() || delivery.isPartial()) {
            return;
        }
        byte[] bytes = Links.receive(link, delivery, CREDIT);
        if (link.getLocalState() == EndpointState.CLOSED) {
            return; // arrived after we detached: never acknowledged, so the client sends it again
        }
        if (delivery.getMessageFormat() == TransferDecoder.BATCH_FORMAT && bytes.length > MAX_BATCH_BYTES) {
            // A premium entity takes single messages up to its (large) link size, batches only up to 1 MiB,
            // and detaches the link of a publisher that sends a larger one.
            connection.close(link, Links.error("amqp:not-allowed", "The link is force detached by the broker"
                    + " because publisher(link) received a batch message with no data in it. Detach origin: Publisher."));
            return;
        }
        Dispositions.acknowledge(connection, services, delivery, store(bytes, delivery.getMessageFormat()));
    }

    private DeliveryState store(byte[] bytes, int format) {
        if (bytes.length > services.maxMessageSizeBytes()) {
            return rejected("amqp:link:message-size-exceeded", "The received message (" + bytes.length
                    + " bytes) exceeds the limit (" + services.maxMessageSizeBytes() + " bytes).");
        }
        if (services.faults().takeSendRejection(destination.name())) {
            return rejected("com.microsoft:server-busy", "The server is busy (injected fault). Please retry.");
        }
        try {
            destination.send(TransferDecoder.decode(bytes, format));
            return Accepted.getInstance();
        } catch (SendRejectedException e) {
            return rejected(e.condition(), e.getMessage());
        } catch (RuntimeException e) {
            return rejected("amqp:decode-error", "The message could not be decoded: " + e.getMessage());
        }
    }

    private static DeliveryState rejected(String condition, String description) {
        Rejected rejected = new Rejected();
        rejected.setError(Links.error(condition, description));
        return rejected;
    }
}
