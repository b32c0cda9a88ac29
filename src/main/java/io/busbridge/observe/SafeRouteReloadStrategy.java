package io.busbridge.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.busbridge.identity.SecretMasker;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route reload that never leaves the bridge worse off. Camel's own watcher removes routes before it knows
 * the new file loads; this one first {@linkplain RouteFileCheck checks} the changed file and refuses it when
 * broken, touching nothing. Only the changed file's routes are replaced ({@code removeAllRoutes=false}), and
 * if Camel still fails to start them, the last good content of that file is loaded back. Requests that arrive
 * during the swap are held by the {@link IngressGate} and then routed to the new routes.
 */
public final class SafeRouteReloadStrategy extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(SafeRouteReloadStrategy.class);

    private static final int MAX_REASON = 300;

    private final RouteReloadStatus status;
    private final IngressGate gate;
    private final Map<String, String> lastGoodContent = new ConcurrentHashMap<>();
    private final Map<String, String> lastRefusedContent = new ConcurrentHashMap<>();

    public SafeRouteReloadStrategy(String directory, String pattern, RouteReloadStatus status, IngressGate gate) {
        super(directory, false);
        setPattern(pattern);
        setRemoveAllRoutes(false);
        this.status = status;
        this.gate = gate;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // remember what the routes were started from, to go back to if a reload fails half-way
        getCamelContext().getRoutes().forEach(route -> remember(route.getSourceResource()));
    }

    @Override
    protected void onRouteReload(Collection<Resource> changed, boolean removeEverything) {
        RouteFileCheck check = new RouteFileCheck(getCamelContext());
        for (Resource file : changed) {
            if (file == null || !exists(file)) {
                continue; // a deleted file: Camel removes its routes, nothing to check
            }
            String content = read(file);
            if (content == null || content.isEmpty()) {
                return; // a file being rewritten (truncated first): its next change event brings the content
            }
            if (content.equals(lastRefusedContent.get(file.getLocation()))) {
                return; // one write can raise several change events: an edit is refused (and counted) once
            }
            try {
                check.check(file);
            } catch (Exception e) {
                lastRefusedContent.put(file.getLocation(), content);
                refuse(file, e);
                return;
            }
            lastRefusedContent.remove(file.getLocation());
        }
        gate.hold(); // requests arriving while the routes are swapped wait for the new ones
        try {
            super.onRouteReload(changed, false);
            changed.forEach(this::remember);
            status.succeeded();
        } catch (RuntimeException e) {
            refuse(changed.iterator().next(), e);
            restore(changed);
        } finally {
            gate.release();
        }
    }

    private void refuse(Resource file, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause(); // the loader wraps the parser's own, more precise message
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        // a parser error can quote the file, and a file could (wrongly) hold a key
        String reason = SecretMasker.mask(message).lines().map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" "));
        reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
        LOG.atError().addKeyValue("file", file.getLocation()).addKeyValue("reason", reason)
                .log("Route file change refused; the routes already running keep serving");
        status.failed(file.getLocation(), reason);
    }

    private void restore(Collection<Resource> changed) {
        List<Resource> previous = new ArrayList<>();
        for (Resource file : changed) {
            String content = lastGoodContent.get(file.getLocation());
            if (content != null) {
                previous.add(ResourceHelper.fromString(file.getLocation(), content));
            }
        }
        try {
            PluginHelper.getRoutesLoader(getCamelContext()).updateRoutes(previous);
            LOG.warn("Restored the last good routes from {}", previous.stream().map(Resource::getLocation).toList());
        } catch (Exception e) {
            LOG.error("Could not restore the last good routes", e);
        }
    }

    private void remember(Resource file) {
        if (file != null && exists(file)) {
            String content = read(file);
            if (content != null) {
                lastGoodContent.put(file.getLocation(), content);
            }
        }
    }

    /** The file's content, or null (logged) when it cannot be read. */
    private static String read(Resource file) {
        try (var in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file.getLocation(), e.getMessage());
            return null;
        }
    }

    private static boolean exists(Resource file) {
        String location = file.getLocation();
        return !location.startsWith("file:") || Files.exists(Path.of(location.substring("file:".length())));
    }
}
