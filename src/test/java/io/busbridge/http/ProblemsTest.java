package io.busbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

import io.busbridge.publish.Parked;
import io.busbridge.publish.PublishFailure;
import io.busbridge.publish.PublishFailure.Blame;
import io.busbridge.publish.PublishUnavailableException;

class ProblemsTest {

    private final Problems problems = new Problems(7);

    @Test
    void rejectionIsFoundUnderWrappers() {
        Problem rejected = Problem.of(400, "invalid-header", "Invalid header", "header X must be y");
        assertThat(problems.forException(new RuntimeCamelException(new RequestRejectedException(rejected))))
                .isEqualTo(rejected);
    }

    @Test
    void unavailableIsA503WithRetryAfter() {
        Problem problem = problems.forException(new CompletionException(new PublishUnavailableException("down", null)));
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.retryAfterSeconds()).isEqualTo(7);
    }

    @Test
    void parkedMessageBlamesContentWith422AndDestinationWith502() {
        Parked tooLarge = new Parked("m-1", "busbridge-deadletter", "orders",
                new PublishFailure(false, "MESSAGE_SIZE_EXCEEDED", Blame.CONTENT));
        Parked missing = new Parked("m-2", "busbridge-deadletter", "orders",
                new PublishFailure(false, "MESSAGING_ENTITY_NOT_FOUND", Blame.DESTINATION));

        assertThat(problems.forParked(tooLarge).status()).isEqualTo(422);
        assertThat(problems.forParked(missing).status()).isEqualTo(502);
        assertThat(problems.forParked(missing).extensions())
                .containsEntry("parkedMessageId", "m-2").containsEntry("reason", "MESSAGING_ENTITY_NOT_FOUND");
    }

    @Test
    void unexpectedFailureIsA500ThatTellsNothingInternal() {
        Problem problem = problems.forException(new IllegalStateException("secret connection string Endpoint=sb://x"));
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("Endpoint").doesNotContain("IllegalState");
    }
}
