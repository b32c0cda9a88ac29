package io.busbridge.observe;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown, first step: when Camel starts stopping (SIGTERM), readiness turns DOWN and the bridge keeps
 * serving for {@code drainDelay}, so the load balancer stops sending before the HTTP routes stop. Camel's
 * shutdown strategy then waits for in-flight requests ({@code camel.main.shutdown-timeout}) before the
 * publisher's senders close.
 */
public final class ShutdownDrain extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drainDelay;
    private volatile boolean draining;

    public ShutdownDrain(Duration drainDelay) {
        super("busbridge", "shutdown");
        this.drainDelay = drainDelay;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (draining) {
            builder.message("shutting down: finishing in-flight requests").down();
        } else {
            builder.up();
        }
    }

    /** The notifier that starts the drain; register it with the management strategy. */
    public SimpleEventNotifierSupport notifier() {
        return new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }

            @Override
            public void notify(CamelEvent event) throws InterruptedException {
                draining = true;
                LOG.info("Shutting down: readiness DOWN, still serving for {} ms before the routes stop",
                        drainDelay.toMillis());
                Thread.sleep(drainDelay.toMillis());
            }
        };
    }
}
