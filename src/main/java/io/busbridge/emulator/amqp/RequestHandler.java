package io.busbridge.emulator.amqp;

import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.message.Message;

/** A request/response node ($cbs, an entity's $management). */
interface RequestHandler {
    Message handle(Message request);

    /**
     * A response as the SDK reads it (contract §4.3, §10): an int status code, a description and the
     * application-properties section always present.
     */
    static Message response(int status, String description, String errorCondition, Object body) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("status-code", status);
        properties.put("status-description", description);
        if (errorCondition != null) {
            properties.put("error-condition", errorCondition);
        }
        Message response = Proton.message();
        response.setApplicationProperties(new ApplicationProperties(properties));
        if (body != null) {
            response.setBody(new AmqpValue(body));
        }
        return response;
    }
}
