package io.busbridge.observe;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;

/**
 * The W3C trace context of one request: continued from {@code traceparent}, else derived from API Gateway's
 * {@code X-Amzn-Trace-Id}, else new; always with a fresh span id for the bridge's own span.
 * {@link #of(Exchange)} is the one place it is computed: the message mapping and the access log both read it.
 */
public record TraceContext(String traceId, String spanId, String flags) {

    /** Exchange property holding the request's trace context once computed. */
    public static final String EXCHANGE_PROPERTY = "traceContext";
    /**
     * Exchange property holding its {@link #traceparent()} as text, for the ingress route: a plain property
     * read is cheap where a simple method call on the record introspects its class on every request.
     */
    public static final String TRACEPARENT_PROPERTY = "traceparent";

    private static final Pattern TRACEPARENT =
            Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?");
    // Root=1-<8 hex epoch seconds>-<24 hex random>: together the 32 hex digits of a W3C trace id.
    private static final Pattern AMZN_ROOT = Pattern.compile("(?:^|;)\\s*Root=1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})");
    private static final Pattern AMZN_SAMPLED = Pattern.compile("(?:^|;)\\s*Sampled=([01])");
    private static final String SAMPLED = "01";
    private static final String NOT_SAMPLED = "00";

    /** The request's trace context, computed from its headers on first call and kept on the exchange. */
    public static TraceContext of(Exchange exchange) {
        TraceContext trace = exchange.getProperty(EXCHANGE_PROPERTY, TraceContext.class);
        if (trace == null) {
            trace = from(exchange.getMessage().getHeader("traceparent", String.class),
                    exchange.getMessage().getHeader("X-Amzn-Trace-Id", String.class));
            exchange.setProperty(EXCHANGE_PROPERTY, trace);
            exchange.setProperty(TRACEPARENT_PROPERTY, trace.traceparent());
        }
        return trace;
    }

    /** The context for a request carrying these headers (either may be null or malformed). */
    public static TraceContext from(String traceparent, String amznTraceId) {
        if (traceparent != null) {
            Matcher m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && !isZero(m.group(1)) && !isZero(m.group(2))) {
                return new TraceContext(m.group(1), newSpanId(), m.group(3));
            }
        }
        if (amznTraceId != null) {
            Matcher root = AMZN_ROOT.matcher(amznTraceId);
            if (root.find()) {
                String traceId = (root.group(1) + root.group(2)).toLowerCase();
                Matcher sampled = AMZN_SAMPLED.matcher(amznTraceId);
                String flags = sampled.find() && "0".equals(sampled.group(1)) ? NOT_SAMPLED : SAMPLED;
                if (!isZero(traceId)) {
                    return new TraceContext(traceId, newSpanId(), flags);
                }
            }
        }
        return new TraceContext(randomHex(16), newSpanId(), SAMPLED);
    }

    /** The {@code traceparent} to send on: this trace, with the bridge's span as the parent. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /** Service Bus's {@code Diagnostic-Id} application property: the Azure SDK writes it in traceparent form. */
    public String diagnosticId() {
        return traceparent();
    }

    private static String newSpanId() {
        return randomHex(8);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (isZero(HexFormat.of().formatHex(random)));
        return HexFormat.of().formatHex(random);
    }

    private static boolean isZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }
}
