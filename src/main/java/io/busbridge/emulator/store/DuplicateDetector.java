package io.busbridge.emulator.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** MessageIds seen within the entity's duplicate detection window. Guarded by the owning destination. */
final class DuplicateDetector {
    private final Duration window;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    DuplicateDetector(Duration window) {
        this.window = window;
    }

    /** @return true when the id was already seen within the window; records it otherwise */
    boolean isDuplicate(String messageId, Instant now) {
        for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next().plus(window).isAfter(now)) {
                break;
            }
            it.remove();
        }
        if (messageId == null || seen.containsKey(messageId)) {
            return messageId != null;
        }
        seen.put(messageId, now);
        return false;
    }
}
