package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.IncomingMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.message.Message;

/**
 * Turns a transfer's bytes into messages. A batch (message-format 0x80013700, contract §6.2) is an envelope
 * followed by one Data section per message holding that message's full encoding; the envelope is dropped.
 */
final class TransferDecoder {
    static final int BATCH_FORMAT = 0x80013700;

    private static final ThreadLocal<DecoderImpl> DECODER = ThreadLocal.withInitial(() -> {
        DecoderImpl decoder = new DecoderImpl();
        AMQPDefinedTypes.registerAllTypes(decoder, new EncoderImpl(decoder));
        return decoder;
    });

    private TransferDecoder() {
    }

    static List<IncomingMessage> decode(byte[] bytes, int messageFormat) {
        if (messageFormat != BATCH_FORMAT) {
            return List.of(message(bytes, 0, bytes.length));
        }
        DecoderImpl decoder = DECODER.get();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        decoder.setByteBuffer(buffer);
        List<Binary> encodedMessages = new ArrayList<>();
        try {
            while (buffer.hasRemaining()) {
                if (decoder.readObject() instanceof Data data && data.getValue().getLength() > 0) {
                    encodedMessages.add(data.getValue());
                }
            }
        } finally {
            decoder.setByteBuffer(null);
        }
        List<IncomingMessage> messages = new ArrayList<>(encodedMessages.size());
        for (Binary b : encodedMessages) {
            messages.add(message(b.getArray(), b.getArrayOffset(), b.getLength()));
        }
        return messages;
    }

    private static IncomingMessage message(byte[] bytes, int offset, int length) {
        Message message = Proton.message();
        message.decode(bytes, offset, length);
        return new IncomingMessage(message, length);
    }
}
