package io.busbridge.emulator.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Auto-forwarding checked when the entities are defined, as Service Bus checks it when they are created: every
 * target is a queue or topic of the config, ForwardTo never loops (the broker would forward forever), and no
 * message is forwarded more than four times (Service Bus stops such a message with MaxTransferHopCountExceeded).
 * A dead-letter forward counts as a hop, followed by its target's ForwardTo chain.
 */
final class ForwardingCheck {
    static final int MAX_HOPS = 4;

    /** One forward: {@code via} is the forwarding entity's path (a queue, or a topic's subscription). */
    private record Hop(String via, String target) {
    }

    /** Queue and topic names by lower-case key (entity names are case-insensitive). */
    private final Map<String, String> entities = new LinkedHashMap<>();
    /** ForwardTo hops leaving each queue or topic, by its lower-case key. */
    private final Map<String, List<Hop>> forwards = new HashMap<>();
    private final List<Hop> deadLetterForwards = new ArrayList<>();

    private ForwardingCheck(List<QueueConfig> queues, List<TopicConfig> topics) {
        queues.forEach(q -> entities.put(key(q.name()), q.name()));
        topics.forEach(t -> entities.put(key(t.name()), t.name()));
        queues.forEach(q -> add(q.name(), q.name(), q.properties()));
        topics.forEach(t -> t.subscriptions().forEach(s -> add(t.name(), t.name() + "/subscriptions/" + s.name(), s.properties())));
    }

    /** @throws ConfigException naming the entities of the first unknown target, loop or overlong chain */
    static void check(List<QueueConfig> queues, List<TopicConfig> topics) {
        ForwardingCheck check = new ForwardingCheck(queues, topics);
        for (String entity : check.entities.keySet()) {
            check.follow(entity, new ArrayList<>(List.of(check.entities.get(entity))), new ArrayList<>(List.of(entity)));
        }
        for (Hop hop : check.deadLetterForwards) {
            List<String> path = new ArrayList<>(List.of(hop.via(), hop.target()));
            check.follow(key(hop.target()), path, new ArrayList<>(List.of(key(hop.target()))));
        }
    }

    private void add(String owner, String path, EntityProperties properties) {
        if (properties.forwardTo() != null) {
            forwards.computeIfAbsent(key(owner), k -> new ArrayList<>()).add(new Hop(path, known(path, "ForwardTo",
                    properties.forwardTo())));
        }
        if (properties.forwardDeadLetteredMessagesTo() != null) {
            deadLetterForwards.add(new Hop(path + "/$deadletterqueue", known(path, "ForwardDeadLetteredMessagesTo",
                    properties.forwardDeadLetteredMessagesTo())));
        }
    }

    private String known(String path, String field, String target) {
        if (!entities.containsKey(key(target))) {
            throw new ConfigException("'" + path + "' " + field + ": '" + target + "' is not a queue or topic of this config");
        }
        return entities.get(key(target));
    }

    /**
     * Walks every ForwardTo chain from the last entity of {@code path}.
     * @param path the entities a message passed, the last one's forwarding entity replaced as a hop leaves it
     * @param seen lower-case keys of the queues and topics on the path
     */
    private void follow(String entity, List<String> path, List<String> seen) {
        for (Hop hop : forwards.getOrDefault(entity, List.of())) {
            List<String> next = new ArrayList<>(path.subList(0, path.size() - 1));
            next.add(hop.via());
            next.add(hop.target());
            String target = key(hop.target());
            if (seen.contains(target)) {
                throw new ConfigException("ForwardTo loop: " + String.join(" -> ", next));
            }
            if (next.size() - 1 > MAX_HOPS) {
                throw new ConfigException("forwarding chain of more than " + MAX_HOPS + " hops, which Service Bus "
                        + "does not allow: " + String.join(" -> ", next));
            }
            List<String> seenNext = new ArrayList<>(seen);
            seenNext.add(target);
            follow(target, next, seenNext);
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
