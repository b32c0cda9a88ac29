package io.busbridge.emulator.config;

import java.util.List;

/**
 * The entities the emulator serves, read from a Config.json ({@link ConfigLoader}) or built in code; either way
 * their auto-forwarding is checked ({@link ForwardingCheck}).
 */
public record EmulatorConfig(String namespace, List<QueueConfig> queues, List<TopicConfig> topics) {

    public EmulatorConfig {
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
        ForwardingCheck.check(queues, topics);
    }
}
