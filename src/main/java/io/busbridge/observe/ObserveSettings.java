package io.busbridge.observe;

import java.time.Duration;
import java.util.List;

/** The {@code busbridge.observe.*}, {@code busbridge.deadletter.*} and admin settings, read once at start. */
public record ObserveSettings(String connectionString, String namespace, Duration probeInterval,
        int pauseRetryAfterSeconds, String adminToken, List<String> deadLetterEntities, Duration deadLetterInterval,
        int deadLetterPeekLimit, int replayRatePerSecond, Duration duplicateDetectionWindow) {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** The reachability probe for the configured namespace, or null when none is configured. */
    ServiceBusProbe probe() {
        if (connectionString != null && !connectionString.isBlank()) {
            return ServiceBusProbe.forConnectionString(connectionString, PROBE_TIMEOUT);
        }
        if (namespace != null && !namespace.isBlank()) {
            return ServiceBusProbe.forNamespace(namespace, PROBE_TIMEOUT);
        }
        return null;
    }
}
