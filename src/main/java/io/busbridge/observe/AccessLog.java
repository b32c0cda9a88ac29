package io.busbridge.observe;

import io.busbridge.identity.SecretMasker;
import io.busbridge.publish.Outbound;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured line and the HTTP meters for every request an HTTP route answers. It reads what the
 * routes put on the exchange (the destination, the outbound message, the caught failure), so the routes
 * need no logging steps of their own.
 */
public final class AccessLog extends EventNotifierSupport {

    /** Exchange property the dispatch routes set: the entity the message goes to. */
    private static final String DESTINATION = "destination";
    /** Exchange property routes/publish.camel.yaml sets: the mapped message. */
    private static final String OUTBOUND = "outbound";
    /** Exchange properties holding the request line: the route removes every header before it answers. */
    private static final String METHOD = "busbridge.http.method";
    private static final String PATH = "busbridge.http.path";

    private static final Logger LOG = LoggerFactory.getLogger("io.busbridge.access");

    private final BusbridgeMetrics metrics;

    public AccessLog(BusbridgeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return (event instanceof CamelEvent.ExchangeCreatedEvent || event instanceof CamelEvent.ExchangeCompletedEvent
                || event instanceof CamelEvent.ExchangeFailedEvent)
                && ((ExchangeEvent) event).getExchange().getFromEndpoint() instanceof PlatformHttpEndpoint;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        if (event instanceof CamelEvent.ExchangeCreatedEvent) {
            metrics.requestStarted();
            TraceContext.of(exchange); // while the request headers are still all there
            exchange.setProperty(METHOD, exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class));
            exchange.setProperty(PATH, exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class));
            return;
        }
        int status = status(exchange);
        String route = exchange.getFromRouteId();
        metrics.requestFinished(route, status);

        LoggingEventBuilder line = (status >= 500 ? LOG.atWarn() : LOG.atInfo())
                .addKeyValue("requestId", requestId(exchange))
                .addKeyValue("traceId", TraceContext.of(exchange).traceId())
                .addKeyValue("method", exchange.getProperty(METHOD, String.class))
                .addKeyValue("path", exchange.getProperty(PATH, String.class))
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("latencyMs", exchange.getClock().elapsed());
        addIfPresent(line, "destination", exchange.getProperty(DESTINATION, String.class));
        Outbound outbound = exchange.getProperty(OUTBOUND, Outbound.class);
        addIfPresent(line, "messageId", outbound == null ? null : outbound.message().getMessageId());
        addIfPresent(line, "reason", failureReason(exchange));
        line.log("request");
    }

    /** The id the bridge answers and logs a request under: Camel's exchange id. */
    public static String requestId(Exchange exchange) {
        return exchange.getExchangeId();
    }

    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null) {
            return status;
        }
        return exchange.isFailed() ? 500 : 200;
    }

    /** The failure the route handled (into a problem answer) or did not handle, as type and message. */
    private static String failureReason(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            return null;
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + SecretMasker.mask(failure.getMessage());
    }

    private static void addIfPresent(LoggingEventBuilder line, String key, String value) {
        if (value != null) {
            line.addKeyValue(key, value);
        }
    }
}
