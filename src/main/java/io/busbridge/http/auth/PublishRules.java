package io.busbridge.http.auth;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-destination authorization table ({@code busbridge.auth.rules.<destination>=...}, see
 * {@link PublishRule}). An event type is allowed when a rule covering it grants one of the caller's scopes
 * or groups. With rules configured, a type that no rule covers is denied; with none configured, any
 * authenticated caller may publish any type (the application warns about this at start).
 */
public final class PublishRules {

    private final List<PublishRule> rules;

    private PublishRules(List<PublishRule> rules) {
        this.rules = rules;
    }

    /** @param ruleTexts destination name → rule text, as read from {@code busbridge.auth.rules.*} */
    public static PublishRules parse(Map<String, String> ruleTexts) {
        return new PublishRules(new TreeMap<>(ruleTexts).entrySet().stream()
                .map(entry -> PublishRule.parse(entry.getKey(), entry.getValue()))
                .toList());
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public boolean allows(Caller caller, String eventType) {
        if (rules.isEmpty()) {
            return true;
        }
        return rules.stream().anyMatch(rule -> rule.covers(eventType) && rule.grants(caller));
    }

    /** Destination names, for the start-up log line. */
    public List<String> names() {
        return rules.stream().map(PublishRule::name).toList();
    }
}
