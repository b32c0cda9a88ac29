package io.busbridge.emulator.config;

import java.util.List;

/** A topic subscription and its rules (the loader gives one without rules Azure's $Default, match-all rule). */
public record SubscriptionConfig(String name, EntityProperties properties, List<RuleConfig> rules) {
}
