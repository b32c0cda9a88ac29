package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.DeliveryEncoder;
import java.nio.ByteBuffer;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;

/**
 * The link requests arrive on. The answer goes out on the link whose target equals the request's reply-to,
 * with correlation-id = the request's message-id (contract §4.3).
 */
final class RequestLink implements LinkEndpoint {
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

    @Override
    public String authorizedPath() {
        return authorizedPath;
    }

    @Override
    public void onDelivery(Delivery delivery) {
        if (!delivery.isReadable() || delivery.isPartial()) {
            return;
        }
        byte[] bytes = new byte[delivery.pending()];
        link.recv(bytes, 0, bytes.length);
        link.advance();
        delivery.settle();
        if (link.getCredit() < CREDIT / 2) {
            link.flow(CREDIT - link.getCredit());
        }
        Message request = Proton.message();
        request.decode(bytes, 0, bytes.length);
        Sender replyLink = connection.replyLinks().get(request.getReplyTo());
        if (replyLink == null) {
            return;
        }
        Message response = handler.handle(request);
        response.setCorrelationId(request.getMessageId());
        byte[] encoded = DeliveryEncoder.encode(response, 256);
        Delivery reply = replyLink.delivery(ByteBuffer.allocate(Long.BYTES).putLong(nextTag++).array());
        replyLink.send(encoded, 0, encoded.length);
        replyLink.advance();
        reply.settle();
    }
}
