package io.busbridge.publish;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The validated HTTP headers that may reach Service Bus (design.md §3); every field may be null.
 * Nothing else from the request is ever copied onto a message.
 *
 * @param messageId           from {@code Idempotency-Key}
 * @param correlationId       from {@code X-Correlation-Id}, else the request id
 * @param timeToLive          from {@code X-Message-Ttl}
 * @param scheduledEnqueueTime from {@code X-Scheduled-Enqueue-Time}
 * @param traceparent         W3C trace context, also sent as {@code Diagnostic-Id}
 * @param amznTraceId         AWS X-Ray trace header from API Gateway
 * @param caller              who published, as verified at the edge (null when edge auth is off)
 */
public record MessageHeaders(String messageId, String correlationId, Duration timeToLive,
                             OffsetDateTime scheduledEnqueueTime, String traceparent, String amznTraceId,
                             CallerIdentity caller) {

    /** The verified JWT {@code sub} and client id ({@code azp}/{@code client_id}/{@code appid}); either may be null. */
    public record CallerIdentity(String subject, String clientId) {
    }
}
