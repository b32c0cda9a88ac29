package io.busbridge.publish;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;

import io.busbridge.http.Problem;
import io.busbridge.http.RequestRejectedException;

/**
 * Turns a validated request into a Service Bus message (design.md §3). The body bytes are sent
 * unchanged; everything else comes from {@link MessageHeaders} and the route's {@link Target}.
 * No HTTP header is copied wholesale: the message is built from scratch.
 *
 * <p>routes/publish.camel.yaml evaluates it as an expression ({@code ref: messageMapping}) on the exchange
 * properties the dispatch routes set.
 */
public final class MessageMapping extends ExpressionAdapter {

    static final String TRACEPARENT = "traceparent";
    static final String DIAGNOSTIC_ID = "Diagnostic-Id";
    static final String AMZN_TRACE_ID = "x-amzn-trace-id";
    static final String CALLER_SUBJECT = "caller-sub";
    static final String CALLER_CLIENT_ID = "caller-client-id";
    private static final int MAX_SESSION_ID_LENGTH = 128;

    /** The body as bytes, the event parsed on ingress, the checked headers and the dispatch route's target. */
    @Override
    public Object evaluate(Exchange exchange) {
        return toOutbound(exchange.getMessage().getBody(byte[].class),
                exchange.getProperty("event", JsonNode.class),
                exchange.getProperty("messageHeaders", MessageHeaders.class),
                exchange.getProperty("destination", String.class),
                exchange.getProperty("entityType", String.class),
                exchange.getProperty("sessionField", String.class),
                exchange.getProperty("idField", String.class),
                exchange.getProperty("promotedFields", String.class));
    }

    public Outbound toOutbound(byte[] body, JsonNode event, MessageHeaders headers, String destination,
                               String entityType, String sessionField, String idField, String promotedFields) {
        Target target = new Target(destination, EntityType.parse(entityType), blankToNull(sessionField),
                blankToNull(idField), splitList(promotedFields));
        return new Outbound(target, toMessage(body, event, headers, target));
    }

    public ServiceBusMessage toMessage(byte[] body, JsonNode event, MessageHeaders headers, Target target) {
        ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromBytes(body));
        message.setContentType("application/json");
        message.setMessageId(messageId(event, headers, target));
        message.setSubject(event.path("type").asText());
        message.setCorrelationId(headers.correlationId());
        if (target.sessionField() != null) {
            message.setSessionId(sessionId(event, target.sessionField()));
        }
        if (headers.timeToLive() != null) {
            message.setTimeToLive(headers.timeToLive());
        }
        if (headers.scheduledEnqueueTime() != null) {
            message.setScheduledEnqueueTime(headers.scheduledEnqueueTime());
        }
        Map<String, Object> properties = message.getApplicationProperties();
        if (headers.traceparent() != null) {
            properties.put(TRACEPARENT, headers.traceparent());
            properties.put(DIAGNOSTIC_ID, headers.traceparent());
        }
        if (headers.amznTraceId() != null) {
            properties.put(AMZN_TRACE_ID, headers.amznTraceId());
        }
        if (headers.caller() != null) {
            putIfPresent(properties, CALLER_SUBJECT, headers.caller().subject());
            putIfPresent(properties, CALLER_CLIENT_ID, headers.caller().clientId());
        }
        for (String field : target.promotedFields()) {
            Object value = scalar(event.get(field));
            if (value != null) {
                properties.put(field, value);
            }
        }
        return message;
    }

    private static void putIfPresent(Map<String, Object> properties, String name, String value) {
        if (value != null) {
            properties.put(name, value);
        }
    }

    private static String messageId(JsonNode event, MessageHeaders headers, Target target) {
        if (headers.messageId() != null) {
            return headers.messageId();
        }
        if (target.idField() != null && event.path(target.idField()).isTextual()) {
            return event.get(target.idField()).asText();
        }
        return UUID.randomUUID().toString();
    }

    /** The schema should already require the field; this guards routes whose schema does not. */
    private static String sessionId(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isEmpty()
                || value.asText().length() > MAX_SESSION_ID_LENGTH) {
            throw new RequestRejectedException(Problem.of(400, "invalid-session-field", "Invalid request body",
                    "field '" + field + "' must be a non-empty value of at most " + MAX_SESSION_ID_LENGTH
                            + " characters: it is the session id of the destination"));
        }
        return value.asText();
    }

    /** Application properties hold scalars only; numbers keep a numeric type so SQL rules can compare them. */
    private static Object scalar(JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> splitList(String csv) {
        return csv == null ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
