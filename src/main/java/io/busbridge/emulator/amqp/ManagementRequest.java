package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.IncomingMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.message.Message;

/** Typed reads from a $management request body (a map with string keys); arrays may come as any array type. */
final class ManagementRequest {
    private final Map<?, ?> body;

    ManagementRequest(Map<?, ?> body) {
        this.body = body;
    }

    Object value(String key) {
        return body.get(key);
    }

    String string(String key) {
        Object v = body.get(key);
        return v == null ? null : v.toString();
    }

    long longValue(String key) {
        return number(key).longValue();
    }

    int intValue(String key) {
        return number(key).intValue();
    }

    byte[] bytes(String key) {
        return body.get(key) instanceof Binary b
                ? Arrays.copyOfRange(b.getArray(), b.getArrayOffset(), b.getArrayOffset() + b.getLength()) : null;
    }

    UUID[] uuids(String key) {
        return elements(key).stream().map(UUID.class::cast).toArray(UUID[]::new);
    }

    List<Long> longs(String key) {
        return elements(key).stream().map(o -> ((Number) o).longValue()).toList();
    }

    Map<String, Object> map(String key) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (body.get(key) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(k.toString(), v));
        }
        return result;
    }

    /** schedule-message: a list of maps whose "message" is a full encoded message. */
    List<IncomingMessage> encodedMessages(String key) {
        List<IncomingMessage> messages = new ArrayList<>();
        for (Object entry : elements(key)) {
            Binary encoded = (Binary) ((Map<?, ?>) entry).get("message");
            Message message = Proton.message();
            message.decode(encoded.getArray(), encoded.getArrayOffset(), encoded.getLength());
            messages.add(new IncomingMessage(message, encoded.getLength()));
        }
        return messages;
    }

    private Number number(String key) {
        if (body.get(key) instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("'" + key + "' is missing or not a number");
    }

    private List<?> elements(String key) {
        Object v = body.get(key);
        if (v instanceof List<?> list) {
            return list;
        }
        if (v instanceof long[] longs) {
            return Arrays.stream(longs).boxed().toList();
        }
        if (v instanceof Object[] array) {
            return Arrays.asList(array);
        }
        throw new IllegalArgumentException("'" + key + "' is missing or not an array");
    }
}
