package io.busbridge.observe;

import java.beans.ConstructorProperties;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;

/** A dead-lettered message as the admin API and JMX list it (no body: it may hold personal data). */
public final class DeadLetter {

    private final long sequenceNumber;
    private final String messageId;
    private final String reason;
    private final String description;
    private final String enqueuedTime;
    private final long deliveryCount;
    private final String subject;
    private final String sessionId;

    @ConstructorProperties({"sequenceNumber", "messageId", "reason", "description", "enqueuedTime", "deliveryCount",
            "subject", "sessionId"})
    public DeadLetter(long sequenceNumber, String messageId, String reason, String description, String enqueuedTime,
            long deliveryCount, String subject, String sessionId) {
        this.sequenceNumber = sequenceNumber;
        this.messageId = messageId;
        this.reason = reason;
        this.description = description;
        this.enqueuedTime = enqueuedTime;
        this.deliveryCount = deliveryCount;
        this.subject = subject;
        this.sessionId = sessionId;
    }

    static DeadLetter of(ServiceBusReceivedMessage message) {
        return new DeadLetter(message.getSequenceNumber(), message.getMessageId(), message.getDeadLetterReason(),
                message.getDeadLetterErrorDescription(),
                message.getEnqueuedTime() == null ? null : message.getEnqueuedTime().toString(),
                message.getDeliveryCount(), message.getSubject(), message.getSessionId());
    }

    public long getSequenceNumber() {
        return sequenceNumber;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getReason() {
        return reason;
    }

    public String getDescription() {
        return description;
    }

    public String getEnqueuedTime() {
        return enqueuedTime;
    }

    public long getDeliveryCount() {
        return deliveryCount;
    }

    public String getSubject() {
        return subject;
    }

    public String getSessionId() {
        return sessionId;
    }
}
