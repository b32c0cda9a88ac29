package io.busbridge.emulator.store;

import io.busbridge.emulator.config.EntityProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.message.Message;

/** Reading broker-relevant facts off a client's message. */
final class Messages {
    private Messages() {
    }

    /** A copy of the message whose application properties also hold the given ones (for forwarding). */
    static Message withApplicationProperties(Message message, Map<String, Object> extra) {
        if (extra.isEmpty()) {
            return message;
        }
        byte[] encoded = DeliveryEncoder.encode(message, 1024);
        Message copy = Proton.message();
        copy.decode(encoded, 0, encoded.length);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (message.getApplicationProperties() != null) {
            properties.putAll(message.getApplicationProperties().getValue());
        }
        properties.putAll(extra);
        copy.setApplicationProperties(new ApplicationProperties(properties));
        return copy;
    }

    /** The message's own TTL (header.ttl) when set and shorter than the entity's default, as Service Bus does. */
    static Duration timeToLive(Message message, EntityProperties properties) {
        Duration entityDefault = properties.defaultMessageTimeToLive();
        if (message.getHeader() == null || message.getHeader().getTtl() == null) {
            return entityDefault;
        }
        Duration own = Duration.ofMillis(message.getHeader().getTtl().longValue());
        return own.compareTo(entityDefault) < 0 ? own : entityDefault;
    }
}
