package io.busbridge.observe;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import io.busbridge.http.Problem;
import io.busbridge.http.ProblemJson;
import io.busbridge.http.ProblemResponse;
import io.busbridge.identity.ServiceBusClientFactory;
import io.busbridge.identity.TokenStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts what needs the running bridge: the ingress gate and admin API on the HTTP routers, the Service Bus
 * probe and dead-letter monitor schedules, and the {@code io.busbridge:type=Bridge} MBean; undoes it on stop.
 */
public final class ObserveService extends ServiceSupport implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(ObserveService.class);
    public static final String OBJECT_NAME = "io.busbridge:type=Bridge";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SDK_TRY_TIMEOUT = Duration.ofSeconds(10);

    private final CamelContext context;
    private final ObserveSettings settings;
    private final BusbridgeMetrics metrics;
    private final RouteReloadStatus reloadStatus;
    private final IngressGate gate;
    private final ProblemJson problems;
    private DeadLetterQueues deadLetters;
    private ObjectName registered;

    public ObserveService(CamelContext context, ObserveSettings settings, BusbridgeMetrics metrics,
            RouteReloadStatus reloadStatus, IngressGate gate, ProblemJson problems) {
        this.context = context;
        this.settings = settings;
        this.metrics = metrics;
        this.reloadStatus = reloadStatus;
        this.gate = gate;
        this.problems = problems;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the HTTP routers exist only once Camel has fully started: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        // dead-letter clients: the bridge's credential, their own connection and short tries
        ServiceBusClientFactory clients = context.getRegistry().findSingleByType(ServiceBusClientFactory.class);
        ServiceBusClientBuilder builder = clients.newBuilder().retryOptions(new AmqpRetryOptions()
                .setTryTimeout(SDK_TRY_TIMEOUT).setMaxRetries(1));
        deadLetters = new DeadLetterQueues(builder, settings.parkingQueue());
        DeadLetterReplay replay = new DeadLetterReplay(deadLetters, settings.replayRatePerSecond(),
                settings.duplicateDetectionWindow());
        installHttp(context, replay);

        // separate threads: a slow dead-letter peek during an outage must not delay the readiness probe
        watchCredential(clients.tokenStatus());
        ServiceBusProbe probe = ServiceBusProbe.of(clients.settings(), PROBE_TIMEOUT);
        HealthCheckRegistry.get(context).register(new ServiceBusHealthCheck(probe));
        probe.start(scheduler("busbridge-probe"), settings.probeInterval());
        DeadLetterMonitor monitor = new DeadLetterMonitor(deadLetters, metrics, settings.deadLetterEntities(),
                settings.deadLetterPeekLimit());
        scheduler("busbridge-deadletter-monitor").scheduleWithFixedDelay(monitor, 0,
                settings.deadLetterInterval().toMillis(), TimeUnit.MILLISECONDS);

        registerMBean(new Bridge(context, metrics.registry(), gate, reloadStatus, deadLetters, replay));
    }

    /** The gate in front of the bridge's routes, the admin API on the management port (each when its server runs). */
    private void installHttp(CamelContext context, DeadLetterReplay replay) {
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        // the management endpoints share a base path (/observe by default): the one of /observe/health
        String health = management == null ? "/observe/health" : management.getHealthPath();
        String observePath = health.substring(0, health.lastIndexOf('/'));
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server != null) {
            gate.install(server.getRouter(), observePath);
        }
        if (management != null) {
            // like every other answer of the bridge, a problem document rather than Vert.x's HTML page
            Problem notFound = Problem.of(404, "not-found", "Not Found", "No management endpoint at this path; the "
                    + "endpoints are under " + observePath + " (health/live, health/ready, metrics).");
            management.getRouter().route().last().handler(ctx -> ProblemResponse.send(ctx, notFound, problems));
        }
        if (settings.adminToken().isBlank() || management == null) {
            LOG.info("Dead-letter admin API disabled: needs BUSBRIDGE_ADMIN_TOKEN and the management server");
        } else {
            new AdminApi(observePath + "/admin", settings.adminToken(), deadLetters, replay, problems)
                    .install(management.getRouter());
        }
    }

    private ScheduledExecutorService scheduler(String name) {
        return context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, name);
    }

    /** The token the identity package keeps (none with a connection string: the gauge is then NaN). */
    private void watchCredential(TokenStatus status) {
        metrics.tokenExpiry(() -> status.expiresAt() == null ? Double.NaN
                : Duration.between(Instant.now(), status.expiresAt()).toMillis() / 1000.0);
        HealthCheckRegistry.get(context).register(new CredentialHealthCheck(status));
    }

    private void registerMBean(Bridge bridge) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name); // left by an earlier bridge in this JVM (tests)
        }
        server.registerMBean(bridge, name);
        registered = name;
    }

    @Override
    protected void doStop() throws Exception {
        if (registered != null) {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
            registered = null;
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
