package io.busbridge.emulator.config;

import java.util.List;

/** A topic subscription; with no rules it receives every message (Azure's default $Default TrueFilter). */
public record SubscriptionConfig(String name, EntityProperties properties, List<RuleConfig> rules) {
}
