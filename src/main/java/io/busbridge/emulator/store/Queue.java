package io.busbridge.emulator.store;

import io.busbridge.emulator.config.QueueConfig;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/** A queue: one store plus its dead-letter subqueue; forwards instead of storing when ForwardTo is set. */
final class Queue extends Destination {
    private final MessageStore store;
    private final MessageStore deadLetters;
    private final Forwarder forwarder;

    Queue(QueueConfig config, Clock clock, Forwarder forwarder) {
        super(config.name(), config.properties(), clock);
        this.forwarder = forwarder;
        String dlqPath = config.name() + "/$deadletterqueue";
        this.deadLetters = new MessageStore(dlqPath, properties.forDeadLetterQueue(), clock, null);
        this.store = new MessageStore(config.name(), properties, clock,
                forwarder.deadLetterSink(properties.forwardDeadLetteredMessagesTo(), deadLetters));
    }

    @Override
    void registerStores(Map<String, MessageStore> byAddress) {
        byAddress.put(name.toLowerCase(Locale.ROOT), store);
        byAddress.put(deadLetters.path().toLowerCase(Locale.ROOT), deadLetters);
    }

    @Override
    boolean requiresSessionId() {
        return properties.requiresSession();
    }

    @Override
    long bytes() {
        return store.bytes() + deadLetters.bytes();
    }

    @Override
    void schedule(StoredMessage m) {
        store.schedule(m);
    }

    @Override
    public boolean cancelScheduled(long sequenceNumber) {
        return store.cancelScheduled(sequenceNumber);
    }

    @Override
    void deliver(StoredMessage m) {
        if (properties.forwardTo() != null) {
            forwarder.forward(properties.forwardTo(), m);
        } else {
            store.enqueue(m);
        }
    }
}
