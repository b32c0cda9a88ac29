package io.busbridge.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusException;
import org.junit.jupiter.api.Test;

import io.busbridge.publish.PublishFailure.Blame;
import reactor.core.Exceptions;

class FailureClassifierTest {

    @Test
    void missingEntityIsPermanentAndTheDestinationsFault() {
        assertThat(FailureClassifier.classify(sendFailure(false, AmqpErrorCondition.NOT_FOUND,
                "The messaging entity 'sb://x/nope' could not be found.")))
                .isEqualTo(new PublishFailure(false, "MESSAGING_ENTITY_NOT_FOUND", Blame.DESTINATION));
    }

    @Test
    void oversizedMessageIsTheContentsFault() {
        assertThat(FailureClassifier.classify(sendFailure(false, AmqpErrorCondition.LINK_PAYLOAD_SIZE_EXCEEDED, "too big")))
                .isEqualTo(new PublishFailure(false, "MESSAGE_SIZE_EXCEEDED", Blame.CONTENT));
    }

    @Test
    void busyServiceAndFullEntityAreRetried() {
        assertThat(FailureClassifier.classify(sendFailure(true, AmqpErrorCondition.SERVER_BUSY_ERROR, "busy"))
                .transientFailure()).isTrue();
        assertThat(FailureClassifier.classify(sendFailure(false, AmqpErrorCondition.RESOURCE_LIMIT_EXCEEDED, "full"))
                .transientFailure()).isTrue();
    }

    @Test
    void transientErrorBehindTheSdksRetriesExhaustedIsRetried() {
        AmqpException busy = new AmqpException(true, AmqpErrorCondition.SERVER_BUSY_ERROR, "busy", null);
        ServiceBusException exhausted = new ServiceBusException(
                Exceptions.retryExhausted("Retries exhausted: 0/0", busy), ServiceBusErrorSource.SEND);

        assertThat(FailureClassifier.classify(exhausted))
                .isEqualTo(new PublishFailure(true, "SERVER_BUSY_ERROR", Blame.DESTINATION));
    }

    @Test
    void timeoutsAndUnknownErrorsAreRetriedEvenWhenWrapped() {
        assertThat(FailureClassifier.classify(new CompletionException(new TimeoutException()))).isEqualTo(
                new PublishFailure(true, "SERVICE_TIMEOUT", Blame.DESTINATION));
        assertThat(FailureClassifier.classify(new IllegalStateException("connection closed")).transientFailure()).isTrue();
    }

    /** Found by bench/faults.sh (server-busy under load): three messages were parked with GENERAL_ERROR. */
    @Test
    void sdkFailureWithoutAnAmqpErrorIsRetriedNotParked() {
        ServiceBusException disposed = new ServiceBusException(
                new IllegalStateException("Cannot publish message when disposed."), ServiceBusErrorSource.SEND);

        assertThat(disposed.getReason()).isEqualTo(com.azure.messaging.servicebus.ServiceBusFailureReason.GENERAL_ERROR);
        assertThat(disposed.isTransient()).isFalse();
        assertThat(FailureClassifier.classify(disposed).transientFailure()).isTrue();
    }

    private static ServiceBusException sendFailure(boolean isTransient, AmqpErrorCondition condition, String text) {
        return new ServiceBusException(new AmqpException(isTransient, condition, text, null), ServiceBusErrorSource.SEND);
    }
}
