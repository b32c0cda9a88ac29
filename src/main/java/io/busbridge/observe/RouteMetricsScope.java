package io.busbridge.observe;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;

/**
 * Leaves the given routes out of Camel's Micrometer route metrics ({@code camel_exchanges_*}), which
 * camel-main cannot configure. Every request passes through the ingress route and then through a dispatch
 * route and the publish route; metering those hops as well cost about 5 % of the bridge's CPU (the policy
 * formats a property name with {@code String.format} per route and exchange) and told nothing new: the
 * HTTP route's metrics, {@code busbridge_http_requests} and {@code busbridge_publish} cover the same
 * requests, and JMX keeps statistics for every route.
 */
final class RouteMetricsScope implements StartupListener {

    private final String excludedRoutes;

    /** @param excludedRoutes route ids, comma-separated, with wildcards ({@code dispatch-*}); blank for none */
    RouteMetricsScope(String excludedRoutes) {
        this.excludedRoutes = excludedRoutes.isBlank() ? null : excludedRoutes;
    }

    /** Before the routes start: the policy reads the pattern when each route starts, reloaded ones too. */
    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        context.getRoutePolicyFactories().stream()
                .filter(MicrometerRoutePolicyFactory.class::isInstance)
                .map(MicrometerRoutePolicyFactory.class::cast)
                .forEach(factory -> factory.getPolicyConfiguration().setExcludePattern(excludedRoutes));
    }
}
