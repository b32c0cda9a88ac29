package io.busbridge.observe;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * The busbridge meters, on the same Prometheus registry Camel scrapes at {@code /observe/metrics}.
 * The publisher calls {@link #published} / {@link #publishFailed}; HTTP requests, dead-letter depth,
 * token expiry and reload failures are recorded by the observe package itself.
 */
public final class BusbridgeMetrics {

    /** Registry name under which the single instance is bound in the Camel registry. */
    public static final String BEAN_NAME = "busbridgeMetrics";

    private final MeterRegistry registry;
    private final AtomicInteger inflight = new AtomicInteger();
    private final Map<String, AtomicLong> deadLetterDepths = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLetterReasons = new ConcurrentHashMap<>();
    private final Counter reloadFailures;

    public BusbridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("busbridge.inflight", inflight, AtomicInteger::get)
                .description("HTTP requests being processed").register(registry);
        reloadFailures = Counter.builder("busbridge.route.reload.failures")
                .description("Route file changes refused because the file was broken").register(registry);
    }

    /**
     * The instance bound in this Camel context, created on first use. It shares the Prometheus registry
     * camel-micrometer-prometheus looks up under {@code metricsRegistry}: whichever side comes first binds it.
     */
    public static synchronized BusbridgeMetrics of(CamelContext context) {
        var registry = context.getRegistry();
        BusbridgeMetrics metrics = registry.lookupByNameAndType(BEAN_NAME, BusbridgeMetrics.class);
        if (metrics == null) {
            MeterRegistry meters = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
            if (meters == null) {
                meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
            }
            metrics = new BusbridgeMetrics(meters);
            registry.bind(BEAN_NAME, metrics);
        }
        return metrics;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An HTTP request entered the bridge; pair with {@link #requestFinished}. */
    public void requestStarted() {
        inflight.incrementAndGet();
    }

    /** An HTTP request was answered with {@code status} by the route {@code route}. */
    public void requestFinished(String route, int status) {
        inflight.decrementAndGet();
        Counter.builder("busbridge.http.requests").description("HTTP requests answered, by route and status")
                .tag("route", route).tag("status", Integer.toString(status)).register(registry).increment();
    }

    /** Service Bus acknowledged a message sent to {@code entity}, {@code took} after the first attempt began. */
    public void published(String entity, Duration took) {
        Counter.builder("busbridge.published").description("Messages Service Bus acknowledged, by entity")
                .tag("entity", entity).register(registry).increment();
        Timer.builder("busbridge.publish").description("Time from the first send attempt to Service Bus acknowledgement")
                .tag("entity", entity).publishPercentileHistogram().register(registry).record(took);
    }

    /**
     * A send attempt to {@code entity} failed for {@code reason} (Service Bus's condition or the error kind, a
     * short bounded set); counted per attempt, so trouble shows even when a retry then succeeds.
     */
    public void publishFailed(String entity, String reason) {
        Counter.builder("busbridge.publish.failures").description("Send attempts that failed, by entity and reason")
                .tag("entity", entity).tag("reason", reason).register(registry).increment();
    }

    /** Seconds until the current credential's token expires, read at each scrape. */
    public void tokenExpiry(DoubleSupplier secondsLeft) {
        Gauge.builder("busbridge.token.expiry", secondsLeft::getAsDouble).baseUnit("seconds")
                .description("Seconds until the Service Bus access token expires").register(registry);
    }

    /**
     * {@code entity}'s dead-letter subqueue as last peeked: its depth and how many messages carry each
     * dead-letter reason (a reason no longer seen drops to 0).
     */
    public void deadLetters(String entity, long depth, Map<String, Long> countByReason) {
        setGauge(deadLetterDepths, entity, "busbridge.deadletter.messages",
                "Messages in the dead-letter subqueue, as last peeked", Tags.of("entity", entity), depth);
        deadLetterReasons.forEach((key, value) -> {
            if (key.startsWith(entity + '\n')) {
                value.set(0);
            }
        });
        countByReason.forEach((reason, count) -> setGauge(deadLetterReasons, entity + '\n' + reason,
                "busbridge.deadletter.reasons", "Dead-lettered messages by reason, as last peeked",
                Tags.of("entity", entity, "reason", reason), count));
    }

    private void setGauge(Map<String, AtomicLong> values, String key, String name, String description, Tags tags,
            long value) {
        values.computeIfAbsent(key, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).description(description).tags(tags).register(registry);
            return holder;
        }).set(value);
    }

    /** A route file change was refused. */
    public void routeReloadFailed() {
        reloadFailures.increment();
    }
}
