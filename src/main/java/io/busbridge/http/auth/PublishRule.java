package io.busbridge.http.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.busbridge.SettingsException;

/**
 * One authorization rule: which event types it covers and which scopes or groups may publish them.
 * <p>
 * Written as {@code <type-patterns>:<grants>}, e.g. {@code order.*:scope=events.orders.write|group=order-writers}:
 * type patterns are comma-separated, {@code *} matching any run of characters ({@code order.*} covers
 * {@code order.created}); grants are {@code scope=NAME} or {@code group=NAME} separated by {@code |}, any one
 * of which is enough.
 */
record PublishRule(String name, List<Pattern> typePatterns, Set<String> scopes, Set<String> groups) {

    static PublishRule parse(String name, String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw invalid(name, text, "expected <type-patterns>:<grants>");
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : text.substring(0, colon).split(",")) {
            if (glob.isBlank()) {
                throw invalid(name, text, "empty type pattern");
            }
            patterns.add(globToPattern(glob.trim()));
        }
        List<String> scopes = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String grant : text.substring(colon + 1).split("\\|")) {
            String[] kindAndValue = grant.trim().split("=", 2);
            if (kindAndValue.length != 2 || kindAndValue[1].isBlank()) {
                throw invalid(name, text, "grant '" + grant.trim() + "' is not scope=NAME or group=NAME");
            }
            switch (kindAndValue[0].trim()) {
                case "scope" -> scopes.add(kindAndValue[1].trim());
                case "group" -> groups.add(kindAndValue[1].trim());
                default -> throw invalid(name, text, "unknown grant kind '" + kindAndValue[0].trim() + "'");
            }
        }
        return new PublishRule(name, List.copyOf(patterns), Set.copyOf(scopes), Set.copyOf(groups));
    }

    boolean covers(String eventType) {
        return typePatterns.stream().anyMatch(pattern -> pattern.matcher(eventType).matches());
    }

    boolean grants(Caller caller) {
        return caller.scopes().stream().anyMatch(scopes::contains)
                || caller.groups().stream().anyMatch(groups::contains);
    }

    private static Pattern globToPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    private static SettingsException invalid(String name, String text, String reason) {
        return new SettingsException(
                "busbridge.auth.rules." + name + "='" + text + "' is invalid: " + reason);
    }
}
