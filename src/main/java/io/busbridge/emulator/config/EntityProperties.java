package io.busbridge.emulator.config;

import java.time.Duration;

/**
 * The {@code Properties} of a queue, topic or subscription in the official emulator's Config.json.
 * Defaults are the official emulator's where it documents one, else Azure's.
 */
public record EntityProperties(Duration lockDuration, int maxDeliveryCount, Duration defaultMessageTimeToLive,
                               boolean deadLetteringOnMessageExpiration, boolean requiresSession,
                               boolean requiresDuplicateDetection, Duration duplicateDetectionHistoryTimeWindow,
                               String forwardTo, String forwardDeadLetteredMessagesTo, long maxSizeInMegabytes,
                               boolean enablePartitioning) {

    public static final EntityProperties DEFAULTS = new EntityProperties(Duration.ofMinutes(1), 10,
            Duration.ofHours(1), false, false, false, Duration.ofMinutes(10), null, null, 1024, false);

    /** A dead-letter subqueue has its entity's settings but never requires sessions. */
    public EntityProperties forDeadLetterQueue() {
        return new EntityProperties(lockDuration, maxDeliveryCount, defaultMessageTimeToLive, false, false, false,
                duplicateDetectionHistoryTimeWindow, null, null, maxSizeInMegabytes, false);
    }

    public long maxSizeInBytes() {
        return maxSizeInMegabytes * 1024 * 1024;
    }
}
