package io.busbridge.publish;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;

/**
 * The copy of a refused message that is parked in the dead-letter entity: same body, MessageId,
 * Subject, CorrelationId and mapped properties, plus why and where it was refused. It carries no
 * TTL, schedule or session so that it is kept and readable by a plain receiver.
 */
public final class DeadLetterMessage {

    static final String REASON = "busbridge-deadletter-reason";
    static final String DESTINATION = "busbridge-deadletter-destination";
    static final String PARKED_AT = "busbridge-deadletter-time";
    static final String SESSION_ID = "busbridge-session-id";

    private DeadLetterMessage() {
    }

    static ServiceBusMessage of(Outbound refused, PublishFailure failure) {
        ServiceBusMessage original = refused.message();
        ServiceBusMessage parked = new ServiceBusMessage(original.getBody());
        parked.setMessageId(original.getMessageId());
        parked.setContentType(original.getContentType());
        parked.setSubject(original.getSubject());
        parked.setCorrelationId(original.getCorrelationId());
        parked.getApplicationProperties().putAll(original.getApplicationProperties());
        if (original.getSessionId() != null) {
            parked.getApplicationProperties().put(SESSION_ID, original.getSessionId());
        }
        parked.getApplicationProperties().put(REASON, failure.reason());
        parked.getApplicationProperties().put(DESTINATION, refused.target().entity());
        parked.getApplicationProperties().put(PARKED_AT, OffsetDateTime.now(ZoneOffset.UTC).toString());
        return parked;
    }

    /** Why a parked message was refused, or null for a message not parked by the bridge. */
    public static String reasonOf(ServiceBusReceivedMessage parked) {
        Object reason = parked.getApplicationProperties().get(REASON);
        return reason == null ? null : reason.toString();
    }

    /** The entity that refused a parked message: where a replay sends it back to. */
    public static String destinationOf(ServiceBusReceivedMessage parked) {
        Object destination = parked.getApplicationProperties().get(DESTINATION);
        return destination == null ? null : destination.toString();
    }

    /** The message as it was first sent: SessionId restored, the parking properties removed. */
    public static ServiceBusMessage original(ServiceBusReceivedMessage parked) {
        ServiceBusMessage original = new ServiceBusMessage(parked);
        Map<String, Object> properties = original.getApplicationProperties();
        Object sessionId = properties.remove(SESSION_ID);
        if (sessionId != null) {
            original.setSessionId(sessionId.toString());
        }
        properties.remove(REASON);
        properties.remove(DESTINATION);
        properties.remove(PARKED_AT);
        return original;
    }
}
