package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.DeliveryEncoder;
import java.nio.ByteBuffer;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link requests arrive on. The answer goes out on the link whose target equals the request's reply-to,
 * with correlation-id = the request's message-id (contract §4.3).
 */
final class RequestLink implements LinkEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLink.class);
    private static final int CREDIT = 100;

    private final AmqpConnection connection;
    private final Receiver link;
    private final RequestHandler handler;
    private final String authorizedPath;
    private long nextTag;

    RequestLink(AmqpConnection connection, Receiver link, RequestHandler handler, String authorizedPath) {
        this.connection = connection;
        this.link = link;
        this.handler = handler;
        this.authorizedPath = authorizedPath;
        Links.open(link, this);
        link.flow(CREDIT);
    }

    /** A request the node fails on still gets an answer: the SDK would otherwise wait for its whole try timeout. */
    private Message answer(Message request) {
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            LOG.warn("request to {} failed", Links.targetAddress(link), e);
            return RequestHandler.response(500, "The emulator failed on this request: " + e, "amqp:internal-error", null);
        }
    }

    @Override
    public String authorizedPath() {
        return authorizedPath;
    }

    @Override
    public void onDelivery(Delivery delivery) {
        if (!delivery.isReadable() || delivery.isPartial()) {
            return;
        }
        byte[] bytes = Links.receive(link, delivery, CREDIT);
        delivery.settle();
        Message request = Proton.message();
        request.decode(bytes, 0, bytes.length);
        Sender replyLink = connection.replyLinks().get(request.getReplyTo());
        if (replyLink == null) {
            return;
        }
        Message response = answer(request);
        response.setCorrelationId(request.getMessageId());
        byte[] encoded = DeliveryEncoder.encode(response, 256);
        Delivery reply = replyLink.delivery(ByteBuffer.allocate(Long.BYTES).putLong(nextTag++).array());
        replyLink.send(encoded, 0, encoded.length);
        replyLink.advance();
        reply.settle();
    }
}
