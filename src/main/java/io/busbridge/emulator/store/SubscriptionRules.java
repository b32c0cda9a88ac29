package io.busbridge.emulator.store;

import io.busbridge.emulator.config.RuleConfig;
import io.busbridge.emulator.filter.FilterContext;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rules of one subscription: a message reaches it when any rule matches (none: nothing does). Changed at
 * run time through $management (add-rule, remove-rule); read by every send, hence copy-on-write.
 */
public final class SubscriptionRules {
    private final List<RuleConfig> rules;

    SubscriptionRules(List<RuleConfig> initial) {
        this.rules = new CopyOnWriteArrayList<>(initial);
    }

    boolean matches(FilterContext message) {
        return rules.stream().anyMatch(rule -> rule.filter().matches(message));
    }

    public List<RuleConfig> list() {
        return List.copyOf(rules);
    }

    /** @return false when a rule of that name exists already (names are case-insensitive) */
    public synchronized boolean add(RuleConfig rule) {
        if (find(rule.name()) != null) {
            return false;
        }
        rules.add(rule);
        return true;
    }

    /** @return false when there is no rule of that name */
    public synchronized boolean remove(String name) {
        RuleConfig rule = find(name);
        return rule != null && rules.remove(rule);
    }

    private RuleConfig find(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return rules.stream().filter(r -> r.name().toLowerCase(Locale.ROOT).equals(key)).findFirst().orElse(null);
    }
}
