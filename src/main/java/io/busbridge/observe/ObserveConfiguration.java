package io.busbridge.observe;

import java.util.Arrays;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.util.TimeUtils;

import io.busbridge.http.ProblemJson;

/**
 * Wires the observe package into Camel: metrics and access log, readiness checks, safe route reload,
 * graceful shutdown, and (once started) the ingress gate, admin API, dead-letter monitor and MBean.
 */
public class ObserveConfiguration implements CamelConfiguration {

    @PropertyInject(value = "busbridge.routes.reload-enabled", defaultValue = "true")
    private boolean reloadEnabled;
    @PropertyInject(value = "busbridge.routes.reload-directory", defaultValue = "routes")
    private String reloadDirectory;
    @PropertyInject(value = "busbridge.routes.reload-pattern", defaultValue = "*.camel.yaml")
    private String reloadPattern;
    @PropertyInject(value = "busbridge.observe.probe-interval", defaultValue = "5s")
    private String probeInterval;
    @PropertyInject(value = "busbridge.observe.pause-retry-after-seconds", defaultValue = "30")
    private int pauseRetryAfterSeconds;
    @PropertyInject(value = "busbridge.observe.shutdown-drain-delay", defaultValue = "5s")
    private String drainDelay;
    @PropertyInject(value = "busbridge.http.problem-type-base", defaultValue = "https://busbridge.io/problems/")
    private String problemTypeBase;
    @PropertyInject(value = "busbridge.admin.token", defaultValue = "")
    private String adminToken;
    @PropertyInject(value = "busbridge.deadletter.watched-entities", defaultValue = "")
    private String deadLetterEntities;
    @PropertyInject(value = "busbridge.deadletter.monitor-interval", defaultValue = "30s")
    private String deadLetterInterval;
    @PropertyInject(value = "busbridge.deadletter.peek-limit", defaultValue = "1000")
    private int deadLetterPeekLimit;
    @PropertyInject(value = "busbridge.deadletter.replay-rate", defaultValue = "10")
    private int replayRate;
    @PropertyInject(value = "busbridge.deadletter.entity", defaultValue = "busbridge-deadletter")
    private String parkingQueue;
    @PropertyInject(value = "busbridge.deadletter.duplicate-detection-window", defaultValue = "10m")
    private String duplicateWindow;
    @PropertyInject(value = "busbridge.metrics.route-policy-exclude", defaultValue = "")
    private String routesWithoutMetrics;

    @Override
    public void configure(CamelContext context) throws Exception {
        BusbridgeMetrics metrics = BusbridgeMetrics.of(context);
        context.getManagementStrategy().addEventNotifier(new AccessLog(metrics));
        context.addStartupListener(new RouteMetricsScope(routesWithoutMetrics));

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        ShutdownDrain drain = new ShutdownDrain(TimeUtils.toDuration(drainDelay));
        health.register(drain);
        context.getManagementStrategy().addEventNotifier(drain.notifier());

        ProblemJson problems = new ProblemJson(problemTypeBase);
        IngressGate gate = new IngressGate(pauseRetryAfterSeconds, problems);
        RouteReloadStatus reloadStatus = new RouteReloadStatus(metrics);
        health.register(new RouteReloadHealthCheck(reloadStatus));
        if (reloadEnabled) {
            context.addService(new SafeRouteReloadStrategy(reloadDirectory, reloadPattern, reloadStatus, gate));
        }

        ObserveSettings settings = new ObserveSettings(TimeUtils.toDuration(probeInterval), adminToken,
                Arrays.stream(deadLetterEntities.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                TimeUtils.toDuration(deadLetterInterval), deadLetterPeekLimit, replayRate,
                TimeUtils.toDuration(duplicateWindow), parkingQueue);
        ObserveService service = new ObserveService(context, settings, metrics, reloadStatus, gate, problems);
        context.addService(service);
        context.addStartupListener(service);
    }
}
