package io.busbridge.emulator.store;

import java.util.Map;

/** What a receiver decided about a locked message. */
public record Settlement(Kind kind, String deadLetterReason, String deadLetterDescription,
                         Map<String, Object> propertiesToModify) {

    public enum Kind { COMPLETE, ABANDON, DEFER, DEAD_LETTER, RELEASE }

    public static Settlement of(Kind kind) {
        return new Settlement(kind, null, null, Map.of());
    }
}
