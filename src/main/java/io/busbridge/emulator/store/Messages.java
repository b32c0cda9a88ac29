package io.busbridge.emulator.store;

import io.busbridge.emulator.config.EntityProperties;
import java.time.Duration;
import org.apache.qpid.proton.message.Message;

/** Reading broker-relevant facts off a client's message. */
final class Messages {
    private Messages() {
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
