package io.busbridge.http;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem answer. {@code slug} becomes the last segment of the {@code type} URI;
 * {@code extensions} are extra members (e.g. the id of a parked message).
 */
public record Problem(int status, String slug, String title, String detail,
                      List<Violation> violations, Map<String, String> extensions, Integer retryAfterSeconds) {

    /** One schema violation: where in the document, and what is wrong there. */
    public record Violation(String location, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, slug, title, detail, List.of(), Map.of(), null);
    }

    public Problem withViolations(List<Violation> list) {
        return new Problem(status, slug, title, detail, List.copyOf(list), extensions, retryAfterSeconds);
    }

    public Problem withExtensions(Map<String, String> members) {
        return new Problem(status, slug, title, detail, violations, Map.copyOf(members), retryAfterSeconds);
    }

    public Problem withRetryAfter(int seconds) {
        return new Problem(status, slug, title, detail, violations, extensions, seconds);
    }
}
