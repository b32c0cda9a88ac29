package io.busbridge.emulator.config;

import java.util.List;

public record TopicConfig(String name, EntityProperties properties, List<SubscriptionConfig> subscriptions) {
}
