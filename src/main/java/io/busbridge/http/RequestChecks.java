package io.busbridge.http;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;

import io.busbridge.http.auth.Caller;
import io.busbridge.publish.MessageHeaders;
import io.busbridge.publish.MessageHeaders.CallerIdentity;

/**
 * Checks the method, content type and the optional headers of {@code POST /v1/events} and returns
 * the header values that may reach Service Bus. An invalid header is a 400 naming the header;
 * nothing else of the request is kept. The ingress route evaluates it as an expression ({@code ref: requestChecks}).
 */
public final class RequestChecks extends ExpressionAdapter {

    /** Service Bus limits MessageId and CorrelationId to 128 characters; printable ASCII, not blank-edged. */
    private static final Pattern SERVICE_BUS_ID = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]{0,126}[\\x21-\\x7E])?");
    /** W3C Trace Context, version 00. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    /** AWS X-Ray: Root=...;Parent=...;Sampled=... — printable, bounded. */
    private static final Pattern AMZN_TRACE_ID = Pattern.compile("[\\x20-\\x7E]{1,256}");

    /**
     * The AMQP header carries the TTL as an unsigned 32-bit count of milliseconds (about 49.7 days); the SDK
     * fails on anything longer, which would end in a 503 for bad input. Times outside years 1..9999 overflow
     * its conversion to epoch milliseconds, and Service Bus keeps them as .NET DateTime values.
     */
    private static final Duration MAX_TIME_TO_LIVE = Duration.ofDays(49);

    /** The request's headers, and its exchange id as the correlation id when it brings none. */
    @Override
    public Object evaluate(Exchange exchange) {
        return check(exchange.getMessage().getHeaders(), exchange.getExchangeId());
    }

    public MessageHeaders check(Map<String, Object> headers, String requestId) {
        checkMethod(single(headers, "CamelHttpMethod"));
        checkContentType(single(headers, "Content-Type"));
        return new MessageHeaders(
                id(headers, "Idempotency-Key"),
                orElse(id(headers, "X-Correlation-Id"), requestId),
                timeToLive(single(headers, "X-Message-Ttl")),
                scheduledTime(single(headers, "X-Scheduled-Enqueue-Time")),
                matching(headers, "traceparent", TRACEPARENT, "a W3C traceparent (00-<trace-id>-<parent-id>-<flags>)"),
                matching(headers, "X-Amzn-Trace-Id", AMZN_TRACE_ID, "at most 256 printable characters"),
                caller(headers));
    }

    /** Set only by the edge handler, which drops any the client sent (see EdgeAuthHandler). */
    private static CallerIdentity caller(Map<String, Object> headers) {
        String subject = single(headers, Caller.SUBJECT_HEADER);
        String clientId = single(headers, Caller.CLIENT_ID_HEADER);
        return subject == null && clientId == null ? null : new CallerIdentity(subject, clientId);
    }

    private static void checkMethod(String method) {
        if (!"POST".equals(method)) {
            throw new RequestRejectedException(Problem.of(405, "method-not-allowed", "Method not allowed",
                    "only POST is allowed on this resource"));
        }
    }

    /** JSON is UTF-8 (RFC 8259): any other declared charset is refused rather than guessed. */
    private static void checkContentType(String contentType) {
        // parameter values may be quoted (RFC 9110 §5.6.6): charset="UTF-8" is charset=utf-8
        String normalized = contentType == null ? ""
                : contentType.toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "");
        boolean json = normalized.equals("application/json") || normalized.equals("application/json;charset=utf-8");
        if (!json) {
            throw new RequestRejectedException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Content-Type must be application/json (UTF-8)"));
        }
    }

    private static String id(Map<String, Object> headers, String name) {
        return matching(headers, name, SERVICE_BUS_ID,
                "1 to 128 printable ASCII characters, without leading or trailing spaces");
    }

    private static String matching(Map<String, Object> headers, String name, Pattern pattern, String expected) {
        String value = single(headers, name);
        if (value != null && !pattern.matcher(value).matches()) {
            throw invalidHeader(name, "must be " + expected);
        }
        return value;
    }

    private static Duration timeToLive(String value) {
        if (value == null) {
            return null;
        }
        try {
            Duration ttl = Duration.parse(value);
            if (ttl.isNegative() || ttl.isZero()) {
                throw invalidHeader("X-Message-Ttl", "must be a positive ISO-8601 duration");
            }
            if (ttl.compareTo(MAX_TIME_TO_LIVE) > 0) {
                throw invalidHeader("X-Message-Ttl", "must be at most P49D");
            }
            return ttl;
        } catch (DateTimeParseException e) {
            throw invalidHeader("X-Message-Ttl", "must be an ISO-8601 duration such as PT10M");
        }
    }

    private static OffsetDateTime scheduledTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (time.getYear() < 1 || time.getYear() > 9999) {
                throw invalidHeader("X-Scheduled-Enqueue-Time", "must be between years 0001 and 9999");
            }
            return time;
        } catch (DateTimeParseException e) {
            throw invalidHeader("X-Scheduled-Enqueue-Time", "must be an RFC 3339 date-time such as 2030-01-01T12:00:00Z");
        }
    }

    /** A header given twice is ambiguous, so it is refused. */
    private static String single(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (value instanceof Collection<?> values) {
            throw invalidHeader(name, "must appear once, not " + values.size() + " times");
        }
        return value == null ? null : value.toString();
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static RequestRejectedException invalidHeader(String name, String rule) {
        return new RequestRejectedException(Problem.of(400, "invalid-header", "Invalid header",
                "header " + name + " " + rule));
    }
}
