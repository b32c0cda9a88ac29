package io.busbridge.observe;

import java.time.Duration;
import java.util.List;

/** The {@code busbridge.observe.*}, {@code busbridge.deadletter.*} and admin settings, read once at start. */
public record ObserveSettings(Duration probeInterval,
        int pauseRetryAfterSeconds, String adminToken, List<String> deadLetterEntities, Duration deadLetterInterval,
        int deadLetterPeekLimit, int replayRatePerSecond, Duration duplicateDetectionWindow) {
}
