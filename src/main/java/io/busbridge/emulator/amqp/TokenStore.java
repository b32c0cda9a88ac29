package io.busbridge.emulator.amqp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The tokens one connection has put through $cbs: entity path (lower-case) → expiry. Event-loop confined. */
final class TokenStore {
    private final Map<String, Instant> expiries = new HashMap<>();

    void put(String path, Instant expiry) {
        expiries.put(key(path), expiry);
    }

    /** A token for the path itself, for a parent path (a topic's token covers its subscriptions) or the namespace. */
    boolean isAuthorized(String path, Instant now) {
        String p = key(path);
        while (true) {
            Instant expiry = expiries.get(p);
            if (expiry != null && expiry.isAfter(now)) {
                return true;
            }
            if (p.isEmpty()) {
                return false;
            }
            int slash = p.lastIndexOf('/');
            p = slash < 0 ? "" : p.substring(0, slash);
        }
    }

    private static String key(String path) {
        return path.toLowerCase(Locale.ROOT);
    }
}
