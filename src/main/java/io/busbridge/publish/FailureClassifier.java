package io.busbridge.publish;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;

import io.busbridge.publish.PublishFailure.Blame;
import reactor.core.Exceptions;

/**
 * Sorts send failures into "retry until the deadline" and "park in the dead-letter channel".
 *
 * <p>Service Bus says what is transient ({@link ServiceBusException#isTransient()}); two reasons are
 * overridden: a full entity (QUOTA_EXCEEDED) drains by itself, so it is retried; and anything we do
 * not recognise is treated as transient, because a 503 the client retries never loses a message,
 * while parking a message that would have gone through later would.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static PublishFailure classify(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof ServiceBusException sbe && Exceptions.isRetryExhausted(sbe.getCause())
                && sbe.getCause().getCause() != null) {
            // With maxRetries=0 the SDK reports a transient error (e.g. server-busy) as "Retries exhausted:
            // 0/0", GENERAL_ERROR and not transient; the error that counts is the one underneath.
            return classify(sbe.getCause().getCause());
        }
        if (e instanceof ServiceBusException sbe && ServiceBusFailureReason.GENERAL_ERROR.equals(sbe.getReason())
                && sbe.getCause() != null && !(sbe.getCause() instanceof AmqpException)) {
            // GENERAL_ERROR with no AMQP error underneath is the SDK's own failure (a disposed link, a local
            // timeout), not Service Bus refusing the message: classify what it wraps (unknown means transient).
            return classify(sbe.getCause());
        }
        if (e instanceof ServiceBusException sbe) {
            ServiceBusFailureReason reason = sbe.getReason();
            boolean retry = sbe.isTransient() || ServiceBusFailureReason.QUOTA_EXCEEDED.equals(reason);
            return new PublishFailure(retry, String.valueOf(reason), blameFor(reason));
        }
        if (e instanceof AmqpException amqp) {
            String reason = amqp.getErrorCondition() == null ? "AMQP_ERROR" : amqp.getErrorCondition().name();
            return new PublishFailure(amqp.isTransient(), reason, Blame.DESTINATION);
        }
        if (e instanceof TimeoutException) {
            return new PublishFailure(true, "SERVICE_TIMEOUT", Blame.DESTINATION);
        }
        return new PublishFailure(true, e.getClass().getSimpleName(), Blame.DESTINATION);
    }

    /** The message itself is at fault only when it is too large; everything else is about the destination. */
    private static Blame blameFor(ServiceBusFailureReason reason) {
        return ServiceBusFailureReason.MESSAGE_SIZE_EXCEEDED.equals(reason) ? Blame.CONTENT : Blame.DESTINATION;
    }

    /** The cause a future or a Reactor pipeline wrapped. */
    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
