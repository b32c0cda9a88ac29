package io.busbridge.publish;

import java.util.LinkedHashMap;
import java.util.Map;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Shows the messages waiting on an entity without taking them, one JSON object per message:
 * {@code java -cp target/busbridge.jar io.busbridge.publish.Peek orders --session cust-42}.
 * Entities: a queue ({@code orders}), a subscription ({@code payments/subscriptions/ledger}).
 * Uses {@code SERVICEBUS_CONNECTION_STRING}, else the embedded emulator's well-known local one.
 */
public final class Peek {

    /** The official emulator's published development key, which the embedded emulator accepts too. */
    private static final String LOCAL_EMULATOR = "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName="
            + "RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true";
    private static final String USAGE = "usage: Peek <queue | topic/subscriptions/name> [--session id] [--max n]";

    private Peek() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String entity = args[0];
        String session = option(args, "--session", null);
        int max = Integer.parseInt(option(args, "--max", "20"));
        String env = System.getenv("SERVICEBUS_CONNECTION_STRING");
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder()
                .connectionString(env == null || env.isBlank() ? LOCAL_EMULATOR : env);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        try (ServiceBusReceiverClient receiver = receiver(builder, entity, session)) {
            for (ServiceBusReceivedMessage message : receiver.peekMessages(max)) {
                System.out.println(json.writeValueAsString(describe(message)));
            }
        }
    }

    private static ServiceBusReceiverClient receiver(ServiceBusClientBuilder builder, String entity, String session) {
        String[] path = entity.split("/subscriptions/", 2);
        if (session != null) {
            var sessions = builder.sessionReceiver();
            return (path.length == 2 ? sessions.topicName(path[0]).subscriptionName(path[1]) : sessions.queueName(entity))
                    .buildClient().acceptSession(session);
        }
        var receiver = builder.receiver();
        return (path.length == 2 ? receiver.topicName(path[0]).subscriptionName(path[1]) : receiver.queueName(entity))
                .buildClient();
    }

    private static Map<String, Object> describe(ServiceBusReceivedMessage message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", message.getMessageId());
        fields.put("subject", message.getSubject());
        fields.put("sessionId", message.getSessionId());
        fields.put("correlationId", message.getCorrelationId());
        fields.put("contentType", message.getContentType());
        fields.put("enqueuedTime", message.getEnqueuedTime());
        fields.put("timeToLive", message.getTimeToLive());
        fields.put("scheduledEnqueueTime", message.getScheduledEnqueueTime());
        fields.put("applicationProperties", message.getApplicationProperties());
        fields.put("body", message.getBody().toString());
        return fields;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
