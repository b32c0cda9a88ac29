package io.busbridge.emulator.amqp;

import io.busbridge.emulator.store.DeliveryEncoder;
import io.busbridge.emulator.store.Destination;
import io.busbridge.emulator.store.Lock;
import io.busbridge.emulator.store.MessageStore;
import io.busbridge.emulator.store.Settlement;
import io.busbridge.emulator.store.Settlement.Kind;
import io.busbridge.emulator.store.SendRejectedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.message.Message;

/**
 * An entity's $management node (contract §10). Responses carry AMQP arrays (Long[], Date[]), never lists:
 * the SDK reads them with instanceof long[] / Date[].
 */
final class ManagementNode implements RequestHandler {
    private static final String PREFIX = "com.microsoft:";
    private static final String LOCK_LOST = "com.microsoft:message-lock-lost";

    private final MessageStore store;
    private final Destination destination;
    private final RuleOperations rules;

    /** @param rules a subscription's rule operations, or null for any other entity */
    ManagementNode(MessageStore store, Destination destination, RuleOperations rules) {
        this.store = store;
        this.destination = destination;
        this.rules = rules;
    }

    @Override
    public Message handle(Message request) {
        Object operation = request.getApplicationProperties() == null ? null
                : request.getApplicationProperties().getValue().get("operation");
        Map<?, ?> body = request.getBody() instanceof AmqpValue v && v.getValue() instanceof Map<?, ?> m ? m : Map.of();
        ManagementRequest r = new ManagementRequest(body);
        try {
            return switch (String.valueOf(operation).replace(PREFIX, "")) {
                case "peek-message" -> peek(r);
                case "renew-lock" -> renewLock(r);
                case "update-disposition" -> updateDisposition(r);
                case "receive-by-sequence-number" -> receiveDeferred(r);
                case "schedule-message" -> schedule(r);
                case "cancel-scheduled-message" -> cancelScheduled(r);
                case "renew-session-lock" -> renewSessionLock(r);
                case "get-session-state" -> getSessionState(r);
                case "set-session-state" -> setSessionState(r);
                case "add-rule" -> rules().add(r);
                case "remove-rule" -> rules().remove(r);
                case "enumerate-rules" -> rules().enumerate();
                default -> RequestHandler.response(501, "Operation " + operation + " is not supported by the emulator.",
                        "amqp:not-implemented", null);
            };
        } catch (SendRejectedException e) {
            return RequestHandler.response(400, e.getMessage(), e.condition(), null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return RequestHandler.response(400, e.getMessage(), "com.microsoft:argument-error", null);
        }
    }

    private Message peek(ManagementRequest r) {
        List<Map<String, Object>> messages = new ArrayList<>();
        store().peek(r.longValue("from-sequence-number"), r.intValue("message-count"), r.string("session-id"))
                .forEach(m -> messages.add(Map.of("message", new Binary(DeliveryEncoder.encode(m, null)))));
        return messages.isEmpty() ? RequestHandler.response(204, "No messages", null, null)
                : ok(Map.of("messages", messages));
    }

    private Message renewLock(ManagementRequest r) {
        UUID[] tokens = r.uuids("lock-tokens");
        Date[] expirations = new Date[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            Instant until = store().renewLock(tokens[i]);
            if (until == null) {
                return lockLost();
            }
            expirations[i] = Date.from(until);
        }
        return ok(Map.of("expirations", expirations));
    }

    private Message updateDisposition(ManagementRequest r) {
        Map<String, Object> properties = r.map("properties-to-modify");
        Settlement settlement = switch (r.string("disposition-status")) {
            case "completed" -> Settlement.of(Kind.COMPLETE);
            case "abandoned" -> new Settlement(Kind.ABANDON, null, null, properties);
            case "defered" -> new Settlement(Kind.DEFER, null, null, properties);
            case "released" -> Settlement.of(Kind.RELEASE);
            case "suspended" -> {
                Map<String, Object> info = new LinkedHashMap<>(properties);
                putIfPresent(info, "DeadLetterReason", r.string("deadletter-reason"));
                putIfPresent(info, "DeadLetterErrorDescription", r.string("deadletter-description"));
                yield Dispositions.deadLetter(info);
            }
            default -> throw new IllegalArgumentException("Unknown disposition-status " + r.string("disposition-status"));
        };
        for (UUID token : r.uuids("lock-tokens")) {
            if (!store().settle(token, settlement)) {
                return lockLost();
            }
        }
        return ok(null);
    }

    private Message receiveDeferred(ManagementRequest r) {
        boolean peekLock = r.intValue("receiver-settle-mode") == 1;
        List<Lock> locks = store().receiveDeferred(r.longs("sequence-numbers"), r.string("session-id"), peekLock);
        if (locks.isEmpty()) {
            return RequestHandler.response(404, "No deferred message with the given sequence numbers.",
                    "com.microsoft:message-not-found", null);
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Lock lock : locks) {
            Binary encoded = new Binary(DeliveryEncoder.encode(lock.message(), peekLock ? lock.lockedUntil() : null));
            messages.add(peekLock ? Map.of("message", encoded, "lock-token", lock.token()) : Map.of("message", encoded));
        }
        return ok(Map.of("messages", messages));
    }

    private Message schedule(ManagementRequest r) {
        List<Long> sequenceNumbers = destination().send(r.encodedMessages("messages"));
        // Long[] (not long[]): proton-j encodes only object arrays; the SDK decodes the AMQP array back to long[].
        return ok(Map.of("sequence-numbers", sequenceNumbers.toArray(Long[]::new)));
    }

    private Message cancelScheduled(ManagementRequest r) {
        r.longs("sequence-numbers").forEach(destination()::cancelScheduled);
        return ok(null);
    }

    private Message renewSessionLock(ManagementRequest r) {
        Instant until = store().renewSessionLock(r.string("session-id"));
        return until == null ? RequestHandler.response(410, "The session lock has expired.",
                "com.microsoft:session-lock-lost", null) : ok(Map.of("expiration", Date.from(until)));
    }

    private Message getSessionState(ManagementRequest r) {
        byte[] state = store().sessionState(r.string("session-id"));
        Map<String, Object> body = new HashMap<>();
        body.put("session-state", state == null ? null : new Binary(state));
        return ok(body);
    }

    private Message setSessionState(ManagementRequest r) {
        store().sessionState(r.string("session-id"), r.bytes("session-state"));
        return ok(null);
    }

    private MessageStore store() {
        if (store == null) {
            throw new IllegalStateException("This operation needs a queue or subscription, not a topic.");
        }
        return store;
    }

    private RuleOperations rules() {
        if (rules == null) {
            throw new IllegalStateException("Rules exist only on subscriptions.");
        }
        return rules;
    }

    private Destination destination() {
        if (destination == null) {
            throw new IllegalStateException("This operation needs a queue or topic.");
        }
        return destination;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Message lockLost() {
        return RequestHandler.response(410, "The lock supplied is invalid. Either the lock expired, or the message "
                + "has already been removed from the queue.", LOCK_LOST, null);
    }

    private static Message ok(Object body) {
        return RequestHandler.response(200, "OK", null, body == null ? Map.of() : body);
    }
}
