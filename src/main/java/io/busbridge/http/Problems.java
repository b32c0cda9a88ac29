package io.busbridge.http;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.apache.camel.component.jsonvalidator.NoJsonBodyValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.busbridge.identity.SecretMasker;
import io.busbridge.publish.Parked;
import io.busbridge.publish.PermanentPublishException;
import io.busbridge.publish.PublishFailure.Blame;
import io.busbridge.publish.PublishUnavailableException;
import io.busbridge.publish.PublisherOverloadedException;

/**
 * Decides the answer for every outcome that is not a 202: which status, which problem type, what
 * detail. Details say what was wrong with the request; they never carry stack traces or secrets.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final int retryAfterSeconds;

    public Problems(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Camel and Reactor may wrap what our code threw, so the whole cause chain is searched. */
    public Problem forException(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            Problem known = forKnown(e);
            if (known != null) {
                return known;
            }
        }
        LOG.error("Unexpected failure while handling a request: {}", SecretMasker.mask(stackTrace(error)));
        return Problem.of(500, "internal-error", "Internal error", "the request could not be handled; it was not published");
    }

    /** As text, so that the masker sees every message in the cause chain (SDK messages may quote credentials). */
    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private Problem forKnown(Throwable e) {
        if (e instanceof RequestRejectedException rejected) {
            return rejected.problem();
        }
        if (e instanceof NoJsonBodyValidationException) {
            return Problem.of(400, "malformed-json", "Malformed request body", "the request body is empty");
        }
        if (e instanceof JsonValidationException invalid) {
            return invalid.getCause() instanceof JsonProcessingException
                    ? Problem.of(400, "malformed-json", "Malformed request body", "the request body is not valid JSON")
                    : schemaViolation(invalid);
        }
        if (e instanceof NoRouteException noRoute) {
            return Problem.of(422, "no-route", "No route for this event", noRoute.getMessage());
        }
        if (e instanceof PublisherOverloadedException) {
            return overloaded();
        }
        if (e instanceof PermanentPublishException refused) {
            return Problem.of(422, "message-refused", "Message refused by Service Bus", "Service Bus refused the"
                    + " message (" + refused.failure().reason() + ") and it cannot be parked either; it was not"
                    + " published and sending it again will not help").withExtensions(Map.of(
                    "reason", refused.failure().reason()));
        }
        if (e instanceof PublishUnavailableException) {
            LOG.warn("Answering 503: {}", SecretMasker.mask(e.getMessage())); // SDK and credential errors
            return unavailable("Service Bus did not accept the message in time; it was not published. Retry later.");
        }
        return null;
    }

    /** Service Bus refused the message for good; it was parked and the caller learns where and why. */
    public Problem forParked(Parked parked) {
        boolean content = parked.failure().blame() == Blame.CONTENT;
        return Problem.of(content ? 422 : 502, "message-parked",
                        content ? "Message refused by Service Bus" : "Destination refused the message",
                        "Service Bus refused the message for '" + parked.destination() + "' ("
                                + parked.failure().reason() + "); it was parked in '" + parked.deadLetterEntity()
                                + "' with id " + parked.messageId())
                .withExtensions(Map.of(
                        "reason", parked.failure().reason(),
                        "destination", parked.destination(),
                        "parkedIn", parked.deadLetterEntity(),
                        "parkedMessageId", parked.messageId()));
    }

    public Problem notFound() {
        return Problem.of(404, "not-found", "Not found", "no resource at this path; events are posted to /v1/events");
    }

    /** Answers for failures raised by the HTTP server itself, before any route ran. */
    /** Not logged: under overload this is the answer to most requests; the metrics count the 503s. */
    public Problem overloaded() {
        return unavailable("the bridge is at its limit of requests in flight; the message was not published."
                + " Retry later.");
    }

    public Problem forServerStatus(int status) {
        return switch (status) {
            case 413 -> Problem.of(413, "payload-too-large", "Payload too large",
                    "the request body is larger than this server accepts");
            case 400 -> Problem.of(400, "bad-request", "Bad request", "the HTTP request could not be read");
            case 404 -> notFound();
            case 503 -> unavailable("the server is not accepting requests right now; retry later");
            default -> status >= 400 && status < 500
                    // e.g. a request target that is not a path ("*"), which the router fails with its own 4xx
                    ? Problem.of(status, "bad-request", "Bad request", "the HTTP request was refused (" + status + ")")
                    : Problem.of(500, "internal-error", "Internal error",
                            "the request could not be handled; it was not published");
        };
    }

    private Problem unavailable(String detail) {
        return Problem.of(503, "service-unavailable", "Service unavailable", detail).withRetryAfter(retryAfterSeconds);
    }

    private static Problem schemaViolation(JsonValidationException invalid) {
        List<Problem.Violation> violations = invalid.getErrors().stream()
                .map(m -> new Problem.Violation(String.valueOf(m.getInstanceLocation()), m.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::location).thenComparing(Problem.Violation::message))
                .toList();
        return Problem.of(400, "schema-violation", "Request body violates the event schema",
                violations.size() + " schema violation(s); see 'violations'").withViolations(violations);
    }
}
