package io.busbridge.publish;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.azure.messaging.servicebus.ServiceBusMessage;

/**
 * The copy of a refused message that is parked in the dead-letter entity: same body, MessageId,
 * Subject, CorrelationId and mapped properties, plus why and where it was refused. It carries no
 * TTL, schedule or session so that it is kept and readable by a plain receiver.
 */
final class DeadLetterMessage {

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
}
