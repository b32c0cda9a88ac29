package io.busbridge.observe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteDefinitionHelper;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.StringHelper;

/**
 * Checks a changed route file before the running routes are touched: it must parse, its route ids must be
 * unique (within the file and against the routes other files define), and every endpoint it names must resolve
 * to a known component with valid options. Parsing builds route definitions only; nothing is added to Camel.
 */
final class RouteFileCheck {

    private final CamelContext context;

    RouteFileCheck(CamelContext context) {
        this.context = context;
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong with {@code file}. */
    void check(Resource file) throws Exception {
        List<RouteDefinition> routes = parse(file);
        Set<String> ids = new HashSet<>();
        for (RouteDefinition route : routes) {
            String id = route.getRouteId();
            if (id != null && !ids.add(id)) {
                throw new IllegalArgumentException("duplicate route id '" + id + "' in " + file.getLocation());
            }
            Route existing = id == null ? null : context.getRoute(id);
            if (existing != null && !sameFile(existing.getSourceResource(), file)) {
                throw new IllegalArgumentException("duplicate route id '" + id + "': already defined by "
                        + existing.getSourceResource().getLocation());
            }
            for (String uri : RouteDefinitionHelper.gatherAllStaticEndpointUris(context, route, true, true)) {
                checkEndpoint(uri);
            }
        }
    }

    private List<RouteDefinition> parse(Resource file) throws Exception {
        List<RouteDefinition> routes = new ArrayList<>();
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(file), false)) {
            if (builder instanceof RouteBuilder routeBuilder) {
                routeBuilder.setCamelContext(context);
                routeBuilder.configure();
                routes.addAll(routeBuilder.getRouteCollection().getRoutes());
            }
        }
        return routes;
    }

    private void checkEndpoint(String uri) throws Exception {
        String resolved = context.resolvePropertyPlaceholders(uri);
        String scheme = StringHelper.before(resolved, ":", resolved);
        if (context.getComponent(scheme) == null) {
            throw new IllegalArgumentException("unknown endpoint '" + scheme + ":' in " + uri);
        }
        RuntimeCamelCatalog catalog = context.getCamelContextExtension().getContextPlugin(RuntimeCamelCatalog.class);
        EndpointValidationResult result = catalog.validateProperties(scheme, catalog.endpointProperties(resolved));
        if (!result.isSuccess()) {
            throw new IllegalArgumentException("invalid endpoint " + uri + ": " + result.summaryErrorMessage(false));
        }
    }

    static boolean sameFile(Resource a, Resource b) {
        return a != null && b != null && path(a).equals(path(b));
    }

    private static Path path(Resource resource) {
        String location = resource.getLocation();
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location)
                .toAbsolutePath().normalize();
    }
}
