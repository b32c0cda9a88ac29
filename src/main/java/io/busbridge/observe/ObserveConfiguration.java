package io.busbridge.observe;


import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * Wires the observe package into Camel: the metrics and access log, the readiness checks, and the safe
 * route reload. Settings are the {@code busbridge.observe.*} and {@code busbridge.routes.*} properties.
 */
@Configuration
public class ObserveConfiguration implements CamelConfiguration {

    @PropertyInject(value = "busbridge.routes.reload-enabled", defaultValue = "true")
    private boolean reloadEnabled;
    @PropertyInject(value = "busbridge.routes.reload-directory", defaultValue = "routes")
    private String reloadDirectory;
    @PropertyInject(value = "busbridge.routes.reload-pattern", defaultValue = "*.camel.yaml")
    private String reloadPattern;

    @Override
    public void configure(CamelContext context) throws Exception {
        BusbridgeMetrics metrics = BusbridgeMetrics.of(context);
        context.getManagementStrategy().addEventNotifier(new AccessLog(metrics));

        RouteReloadStatus reloadStatus = new RouteReloadStatus(metrics);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.register(new RouteReloadHealthCheck(reloadStatus));
        if (reloadEnabled) {
            context.addService(new SafeRouteReloadStrategy(reloadDirectory, reloadPattern, reloadStatus));
        }
    }
}
