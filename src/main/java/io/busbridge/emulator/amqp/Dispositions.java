package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.Settlement;
import io.busbridge.emulator.store.Settlement.Kind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;

/** Client outcomes → settlements (contract §9.2), and the broker's acknowledgement of them. */
final class Dispositions {
    private static final String DEAD_LETTER_REASON = "DeadLetterReason";
    private static final String DEAD_LETTER_DESCRIPTION = "DeadLetterErrorDescription";

    private Dispositions() {
    }

    /** @return the settlement, or null for a state the emulator does not support (transactions) */
    static Settlement toSettlement(DeliveryState state) {
        if (state instanceof Accepted) {
            return Settlement.of(Kind.COMPLETE);
        }
        if (state instanceof Released) {
            return Settlement.of(Kind.RELEASE);
        }
        if (state instanceof Modified modified) {
            Kind kind = Boolean.TRUE.equals(modified.getUndeliverableHere()) ? Kind.DEFER : Kind.ABANDON;
            return new Settlement(kind, null, null, stringKeys(modified.getMessageAnnotations()));
        }
        if (state instanceof Rejected rejected) {
            Map<String, Object> info = rejected.getError() == null ? new LinkedHashMap<>()
                    : stringKeys(rejected.getError().getInfo());
            return deadLetter(info);
        }
        return null;
    }

    /** A dead-letter request: reason and description come with any properties to modify in one map. */
    static Settlement deadLetter(Map<String, Object> info) {
        Map<String, Object> properties = new LinkedHashMap<>(info);
        Object reason = properties.remove(DEAD_LETTER_REASON);
        Object description = properties.remove(DEAD_LETTER_DESCRIPTION);
        return new Settlement(Kind.DEAD_LETTER, reason == null ? null : reason.toString(),
                description == null ? null : description.toString(), properties);
    }

    /** Echoes the outcome settled, after the injected ack delay if any. */
    static void acknowledge(AmqpConnection connection, BrokerServices services, Delivery delivery,
                            DeliveryState reply) {
        Duration delay = services.faults().ackDelay();
        Runnable ack = () -> {
            delivery.disposition(reply);
            delivery.settle();
        };
        if (delay.isZero()) {
            ack.run();
        } else {
            connection.vertx().setTimer(delay.toMillis(), id -> connection.run(ack));
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> result.put(k.toString(), v));
        }
        return result;
    }
}
