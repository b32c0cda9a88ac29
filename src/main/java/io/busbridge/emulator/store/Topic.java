package io.busbridge.emulator.store;

import io.busbridge.emulator.config.SubscriptionConfig;
import io.busbridge.emulator.config.TopicConfig;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A topic: each message goes to every subscription with a matching rule (no rules = match all). */
final class Topic extends Destination {
    private record Subscription(SubscriptionConfig config, MessageStore store, MessageStore deadLetters,
                                SubscriptionRules rules) {
        boolean matches(StoredMessage m) {
            return rules.matches(m);
        }
    }

    private final List<Subscription> subscriptions;
    private final Forwarder forwarder;

    Topic(TopicConfig config, Clock clock, Forwarder forwarder) {
        super(config.name(), config.properties(), clock);
        this.forwarder = forwarder;
        this.subscriptions = config.subscriptions().stream().map(s -> {
            String path = config.name() + "/subscriptions/" + s.name();
            MessageStore dlq = new MessageStore(path + "/$deadletterqueue", s.properties().forDeadLetterQueue(), clock, null);
            MessageStore store = new MessageStore(path, s.properties(), clock,
                    forwarder.deadLetterSink(s.properties().forwardDeadLetteredMessagesTo(), dlq));
            return new Subscription(s, store, dlq, new SubscriptionRules(s.rules()));
        }).toList();
    }

    @Override
    void registerStores(Map<String, MessageStore> byAddress) {
        for (Subscription s : subscriptions) {
            byAddress.put(s.store().path().toLowerCase(Locale.ROOT), s.store());
            byAddress.put(s.deadLetters().path().toLowerCase(Locale.ROOT), s.deadLetters());
        }
    }

    /** Each subscription's rules, keyed by the subscription's address (lower-case). */
    void registerRules(Map<String, SubscriptionRules> byAddress) {
        subscriptions.forEach(s -> byAddress.put(s.store().path().toLowerCase(Locale.ROOT), s.rules()));
    }

    @Override
    boolean requiresSessionId() {
        return false;
    }

    @Override
    long bytes() {
        return subscriptions.stream().mapToLong(s -> s.store().bytes() + s.deadLetters().bytes()).sum();
    }

    @Override
    void schedule(StoredMessage m) {
        subscriptions.stream().filter(s -> s.matches(m)).forEach(s -> s.store().schedule(m.copy()));
    }

    @Override
    public boolean cancelScheduled(long sequenceNumber) {
        boolean found = false;
        for (Subscription s : subscriptions) {
            found |= s.store().cancelScheduled(sequenceNumber);
        }
        return found;
    }

    @Override
    void deliver(StoredMessage m) {
        for (Subscription s : subscriptions) {
            if (!s.matches(m)) {
                continue;
            }
            String forwardTo = s.config().properties().forwardTo();
            if (forwardTo != null) {
                forwarder.forward(forwardTo, m);
            } else {
                s.store().enqueue(m.copy());
            }
        }
    }
}
