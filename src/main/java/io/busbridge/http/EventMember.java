package io.busbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;

/**
 * A top-level member of the event parsed on ingress (exchange property {@code event}), as text ("" when
 * absent): the routes decide on it ({@code ref: eventType}) without parsing the body again.
 */
public final class EventMember extends ExpressionAdapter {

    private final String name;

    public EventMember(String name) {
        this.name = name;
    }

    @Override
    public Object evaluate(Exchange exchange) {
        return of(exchange.getProperty("event", JsonNode.class));
    }

    public String of(JsonNode event) {
        return event.path(name).asText();
    }
}
