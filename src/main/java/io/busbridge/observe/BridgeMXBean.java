package io.busbridge.observe;

import java.util.List;
import java.util.Map;

/** {@code io.busbridge:type=Bridge}: what an operator sees and does from JConsole, Hawtio or Jolokia. */
public interface BridgeMXBean {

    /** Per Service Bus entity: messages acknowledged, sends failed, mean and max send time. */
    Map<String, PublisherStats> getPublisherStats();

    boolean isIngressPaused();

    /** New requests get 503 with Retry-After until {@link #resumeIngress}; in-flight ones finish. */
    void pauseIngress();

    void resumeIngress();

    /** Drops the cached JSON Schemas so the next request reads them from disk; returns how many were cached. */
    int reloadSchemas();

    /** Empty when the last route file change applied; else the file and why it was refused. */
    String getLastRouteReloadRefusal();

    /** Dead-lettered messages of {@code entity} (a queue, or {@code topic/subscriptions/name}), peeked. */
    List<DeadLetter> peekDeadLetters(String entity, int max);

    /**
     * Replays the dead letters of {@code entity} with these sequence numbers (none: all); returns how many.
     * Dead letters younger than the duplicate detection window are kept (see the audit log).
     */
    int replayDeadLetters(String entity, long[] sequenceNumbers);
}
