package io.busbridge.emulator.store;

import io.busbridge.emulator.config.EmulatorConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** All entities of the namespace, by address (Service Bus entity names are case-insensitive). */
public final class Broker implements Forwarder {
    private final String namespace;
    private final Map<String, Destination> destinations = new HashMap<>();
    private final Map<String, MessageStore> stores = new HashMap<>();
    private final Map<String, SubscriptionRules> rules = new HashMap<>();

    public Broker(EmulatorConfig config, Clock clock) {
        this.namespace = config.namespace();
        config.queues().forEach(q -> add(new Queue(q, clock, this)));
        config.topics().forEach(t -> {
            Topic topic = new Topic(t, clock, this);
            add(topic);
            topic.registerRules(rules);
        });
    }

    private void add(Destination destination) {
        destinations.put(key(destination.name()), destination);
        destination.registerStores(stores);
    }

    /** The queue or topic clients send to, or null. */
    public Destination destination(String address) {
        return destinations.get(key(address));
    }

    /** The queue, subscription or dead-letter subqueue receivers read from, or null. */
    public MessageStore store(String address) {
        return stores.get(key(address));
    }

    /** A subscription's rules, or null when the address is not a subscription. */
    public SubscriptionRules rules(String address) {
        return rules.get(key(address));
    }

    /** The Service Bus "not found" text; the SDK treats exactly this shape as non-retryable. */
    public String notFound(String address) {
        String type = address.contains("/subscriptions/") ? "Subscription" : "Queue";
        return "The messaging entity '" + namespace + ":" + type + ":" + address + "' could not be found.";
    }

    public List<MessageStore> stores() {
        return List.copyOf(stores.values());
    }

    /** Lock, TTL, schedule and session-lock expiry of every entity; driven by a periodic timer. */
    public void sweep() {
        stores.values().forEach(MessageStore::sweep);
    }

    @Override
    public void forward(String target, StoredMessage m) {
        Destination destination = destination(target);
        if (destination != null) {
            // Dead-letter reasons travel with a message forwarded from a dead-letter path.
            destination.send(List.of(new IncomingMessage(Messages.withApplicationProperties(m.message,
                    m.brokerProperties), m.size)));
        }
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
