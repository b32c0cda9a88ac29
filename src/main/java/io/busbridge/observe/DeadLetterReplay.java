package io.busbridge.observe;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters back to the queue they came from, keeping MessageId, SessionId, Subject, CorrelationId,
 * content type and application properties, at a paced rate. A dead letter is completed (removed) only after
 * Service Bus acknowledged its copy; one audit line per message. Messages not selected are abandoned, unchanged.
 * <p>
 * A copy keeps its MessageId, so on a queue with duplicate detection Service Bus would accept it and silently drop
 * it while the original's id is still in the detection window: dead letters younger than that window are kept
 * (and reported) instead of being lost.
 * <p>
 * A subscription's dead letters are refused: Service Bus cannot send to one subscription, and sending to the
 * topic would deliver the copy to every subscription again.
 */
public final class DeadLetterReplay {

    private static final Logger AUDIT = LoggerFactory.getLogger("io.busbridge.audit");
    private static final String DEAD_LETTER_REASON = "DeadLetterReason";
    private static final String DEAD_LETTER_DESCRIPTION = "DeadLetterErrorDescription";
    private static final int BATCH = 10;
    private static final int MAX_ALL = 10_000;
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(2);

    private final DeadLetterQueues queues;
    private final Duration pause;
    private final Duration duplicateWindow;

    /**
     * {@code ratePerSecond} bounds how fast copies are sent, so a replay cannot flood the consumers;
     * {@code duplicateWindow} is the longest duplicate detection window of the entities replayed to.
     */
    public DeadLetterReplay(DeadLetterQueues queues, int ratePerSecond, Duration duplicateWindow) {
        this.queues = queues;
        this.pause = Duration.ofMillis(1000L / Math.max(1, ratePerSecond));
        this.duplicateWindow = duplicateWindow;
    }

    /** How many selected dead letters were replayed, and how many were kept because they are too young. */
    public record Result(int replayed, int keptInDuplicateWindow) {
    }

    /** Replays the dead letters of {@code entity} that {@code selection} picks. */
    public Result replay(String entity, Selection selection) throws InterruptedException {
        EntityPath path = EntityPath.parse(entity);
        if (path.isSubscription()) {
            throw new ReplayRefusedException("Dead letters of subscription '" + path + "' cannot be replayed:"
                    + " Service Bus has no way to send to one subscription, and sending to topic '"
                    + path.queueOrTopic() + "' would deliver the messages to every subscription again."
                    + " Receive them from " + path + "/$deadletterqueue with a consumer of that subscription.");
        }
        // "all" means what is there now: copies dead-lettered again during the replay wait for the next one
        int wanted = selection.isAll() ? queues.peek(entity, MAX_ALL).size() : selection.size();
        int replayed = 0;
        int kept = 0;
        Set<Long> seen = new HashSet<>();
        try (ServiceBusReceiverClient receiver = path.deadLetterReceiver(queues.builder()).buildClient();
             ServiceBusSenderClient sender = queues.builder().sender().queueName(path.queueOrTopic()).buildClient()) {
            boolean more = true;
            while (more && replayed + kept < wanted) {
                more = false;
                for (ServiceBusReceivedMessage message : receiver.receiveMessages(BATCH, RECEIVE_WAIT)) {
                    boolean firstTime = seen.add(message.getSequenceNumber());
                    if (!firstTime || !selection.picks(message) || replayed + kept >= wanted) {
                        receiver.abandon(message);
                    } else if (inDuplicateWindow(message)) {
                        receiver.abandon(message);
                        audit(entity, message, "kept: younger than the duplicate detection window "
                                + duplicateWindow + ", Service Bus would drop the copy; replay it later");
                        kept++;
                    } else {
                        replayOne(entity, message, sender, receiver);
                        replayed++;
                        Thread.sleep(pause.toMillis());
                    }
                    more |= firstTime; // stop once the subqueue only hands back what was already looked at
                }
            }
        }
        return new Result(replayed, kept);
    }

    private boolean inDuplicateWindow(ServiceBusReceivedMessage message) {
        OffsetDateTime enqueued = message.getEnqueuedTime();
        return enqueued != null && enqueued.toInstant().plus(duplicateWindow).isAfter(Instant.now());
    }

    private static void replayOne(String entity, ServiceBusReceivedMessage message, ServiceBusSenderClient sender,
            ServiceBusReceiverClient receiver) {
        ServiceBusMessage copy = new ServiceBusMessage(message);
        copy.getApplicationProperties().remove(DEAD_LETTER_REASON);
        copy.getApplicationProperties().remove(DEAD_LETTER_DESCRIPTION);
        try {
            sender.sendMessage(copy);
        } catch (RuntimeException e) {
            receiver.abandon(message);
            audit(entity, message, "failed: " + e.getMessage());
            throw e;
        }
        receiver.complete(message);
        audit(entity, message, "replayed");
    }

    private static void audit(String entity, ServiceBusReceivedMessage message, String outcome) {
        AUDIT.atInfo().addKeyValue("action", "deadletter-replay").addKeyValue("entity", entity)
                .addKeyValue("messageId", message.getMessageId())
                .addKeyValue("sequenceNumber", message.getSequenceNumber())
                .addKeyValue("deadLetterReason", message.getDeadLetterReason())
                .addKeyValue("outcome", outcome).log("dead letter " + outcome);
    }

    /** Which dead letters to replay: all, or those with these sequence numbers or message ids. */
    public record Selection(Set<Long> sequenceNumbers, Set<String> messageIds) {

        public static Selection all() {
            return new Selection(Set.of(), Set.of());
        }

        boolean isAll() {
            return sequenceNumbers.isEmpty() && messageIds.isEmpty();
        }

        boolean picks(ServiceBusReceivedMessage message) {
            return isAll() || sequenceNumbers.contains(message.getSequenceNumber())
                    || messageIds.contains(message.getMessageId());
        }

        int size() {
            return sequenceNumbers.size() + messageIds.size();
        }
    }
}
