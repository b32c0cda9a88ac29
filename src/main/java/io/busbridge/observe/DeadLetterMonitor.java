package io.busbridge.observe;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, peeks each watched dead-letter subqueue (up to {@code peekLimit} messages, so a huge backlog
 * reads as "at least the limit") and publishes its depth and reasons as metrics; a WARN line when one grows.
 */
public final class DeadLetterMonitor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterMonitor.class);
    private static final String NO_REASON = "unspecified";

    private final DeadLetterQueues queues;
    private final BusbridgeMetrics metrics;
    private final List<String> entities;
    private final int peekLimit;
    private final Map<String, Integer> lastDepth = new ConcurrentHashMap<>();

    public DeadLetterMonitor(DeadLetterQueues queues, BusbridgeMetrics metrics, List<String> entities, int peekLimit) {
        this.queues = queues;
        this.metrics = metrics;
        this.entities = entities;
        this.peekLimit = peekLimit;
    }

    @Override
    public void run() {
        for (String entity : entities) {
            try {
                check(entity);
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("entity", entity).addKeyValue("reason", e.getMessage())
                        .log("Cannot peek dead-letter subqueue");
            }
        }
    }

    private void check(String entity) {
        List<ServiceBusReceivedMessage> messages = queues.peek(entity, peekLimit);
        Map<String, Long> byReason = messages.stream().collect(Collectors.groupingBy(
                m -> m.getDeadLetterReason() == null ? NO_REASON : m.getDeadLetterReason(), TreeMap::new,
                Collectors.counting()));
        metrics.deadLetters(entity, messages.size(), byReason);
        int previous = lastDepth.getOrDefault(entity, 0);
        lastDepth.put(entity, messages.size());
        if (messages.size() > previous) {
            LOG.atWarn().addKeyValue("entity", entity).addKeyValue("depth", messages.size())
                    .addKeyValue("previousDepth", previous).addKeyValue("reasons", byReason.toString())
                    .log("Dead-letter subqueue grew");
        }
    }
}
