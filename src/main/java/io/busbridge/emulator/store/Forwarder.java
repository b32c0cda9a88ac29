package io.busbridge.emulator.store;

import java.util.function.Consumer;

/** Auto-forwarding (ForwardTo, ForwardDeadLetteredMessagesTo) between entities. */
interface Forwarder {
    /** Sends a copy of the message to the named entity as a new message there. */
    void forward(String target, StoredMessage m);

    /** Where dead-lettered messages go: the entity named by ForwardDeadLetteredMessagesTo, else the subqueue. */
    default Consumer<StoredMessage> deadLetterSink(String forwardTarget, MessageStore deadLetterQueue) {
        return forwardTarget == null ? deadLetterQueue::enqueue : m -> forward(forwardTarget, m);
    }
}
