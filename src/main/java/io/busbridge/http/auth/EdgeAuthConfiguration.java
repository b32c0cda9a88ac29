package io.busbridge.http.auth;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.busbridge.SettingsException;
import io.busbridge.http.ProblemJson;
import io.busbridge.observe.BusbridgeMetrics;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires edge authentication from {@code busbridge.auth.*} into the platform-http engine, so that it runs on
 * every HTTP route. Mode {@code jwt} without issuer, audience or JWKS URL stops start-up with one error line;
 * mode {@code off} starts with one loud warning.
 * <p>
 * platform-http-vertx runs an engine's handlers on each Camel HTTP route after the body handler and before
 * the Camel consumer: they see every request before any route does, and since the handler is attached here,
 * before any route starts, no route ever exists without it.
 */
public class EdgeAuthConfiguration implements CamelConfiguration {

    /** The registry name platform-http looks up before creating an engine of its own. */
    static final String ENGINE_NAME = "platform-http-engine";
    static final String RULES_PREFIX = "busbridge.auth.rules.";
    /** RFC 7519 leaves skew to the verifier; more than a minute would stretch every token's lifetime. */
    static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(EdgeAuthConfiguration.class);

    @PropertyInject(value = "busbridge.auth.mode", defaultValue = "off")
    String mode;
    @PropertyInject(value = "busbridge.auth.clock-skew-seconds", defaultValue = "60")
    int clockSkewSeconds;
    @PropertyInject(value = "busbridge.http.retry-after-seconds", defaultValue = "5")
    int retryAfterSeconds;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        EdgeAuthHandler handler = switch (mode.trim().toLowerCase()) {
            case "jwt" -> jwtHandler(camelContext);
            case "off" -> offHandler();
            default -> throw new SettingsException(
                    "busbridge.auth.mode (BUSBRIDGE_AUTH_MODE) must be 'jwt' or 'off', not '" + mode + "'");
        };
        attachToEngine(camelContext, handler);
    }

    /**
     * Runs after every configuration class bound its beans, so the application's engine is there to extend.
     * Without one, platform-http would create its own engine, without the edge: start-up stops instead.
     */
    private static void attachToEngine(CamelContext camelContext, Handler<RoutingContext> handler) {
        VertxPlatformHttpEngine engine = camelContext.getRegistry()
                .lookupByNameAndType(ENGINE_NAME, VertxPlatformHttpEngine.class);
        if (engine == null) {
            throw new IllegalStateException("no " + ENGINE_NAME + " bean to attach edge authentication to");
        }
        List<Handler<RoutingContext>> handlers = new ArrayList<>();
        handlers.add(handler);
        if (engine.getHandlers() != null) {
            handlers.addAll(engine.getHandlers());
        }
        engine.setHandlers(handlers);
    }

    private EdgeAuthHandler offHandler() {
        LOG.warn("EDGE AUTHENTICATION IS OFF (BUSBRIDGE_AUTH_MODE=off): requests are not authenticated by busbridge;"
                + " run it only behind an API Gateway that authenticates every call");
        return EdgeAuthHandler.off();
    }

    private EdgeAuthHandler jwtHandler(CamelContext camelContext) {
        String issuer = optionalProperty(camelContext, "busbridge.auth.issuer");
        String audience = optionalProperty(camelContext, "busbridge.auth.audience");
        String jwksUrl = optionalProperty(camelContext, "busbridge.auth.jwks-url");
        requireJwtSettings(issuer, audience, jwksUrl);
        int skew = effectiveClockSkew();
        JWKSource<SecurityContext> keys = JwksKeys.remote(jwksLocation(jwksUrl));
        PublishRules rules = PublishRules.parse(ruleTexts(camelContext));
        LOG.info("Edge authentication: JWT (RS256/ES256) issuer={} audience={} jwks={} ({}) clock-skew={}s rules={}",
                issuer, audience, jwksUrl, prewarm(keys), skew, rules.isEmpty() ? "none" : rules.names());
        if (rules.isEmpty()) {
            LOG.warn("No busbridge.auth.rules.* configured: any caller with a valid token may publish any event type");
        }
        EdgeProblems problems = new EdgeProblems(problemJson(camelContext), retryAfterSeconds,
                BusbridgeMetrics.of(camelContext).registry());
        return EdgeAuthHandler.jwt(new JwtValidator(issuer, audience, keys, skew), rules, problems);
    }

    private static void requireJwtSettings(String issuer, String audience, String jwksUrl) {
        List<String> missing = new ArrayList<>();
        if (issuer.isBlank()) {
            missing.add("BUSBRIDGE_AUTH_ISSUER");
        }
        if (audience.isBlank()) {
            missing.add("BUSBRIDGE_AUTH_AUDIENCE");
        }
        if (jwksUrl.isBlank()) {
            missing.add("BUSBRIDGE_AUTH_JWKS_URL");
        }
        if (!missing.isEmpty()) {
            throw new SettingsException("BUSBRIDGE_AUTH_MODE=jwt needs " + String.join(", ", missing)
                    + " (busbridge.auth.issuer/audience/jwks-url); set them, or BUSBRIDGE_AUTH_MODE=off"
                    + " if API Gateway authenticates every call");
        }
    }

    /** Plain http works (a sidecar, tests) but is warned about: keys fetched without TLS could be swapped. */
    private static URL jwksLocation(String jwksUrl) {
        try {
            URL url = new URI(jwksUrl).toURL();
            if (!"https".equalsIgnoreCase(url.getProtocol())) {
                LOG.warn("BUSBRIDGE_AUTH_JWKS_URL is not https: signing keys are fetched without TLS");
            }
            return url;
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new SettingsException("busbridge.auth.jwks-url (BUSBRIDGE_AUTH_JWKS_URL) is not a URL: " + jwksUrl);
        }
    }

    private int effectiveClockSkew() {
        if (clockSkewSeconds < 0) {
            throw new SettingsException("busbridge.auth.clock-skew-seconds must not be negative");
        }
        if (clockSkewSeconds > MAX_CLOCK_SKEW_SECONDS) {
            LOG.warn("busbridge.auth.clock-skew-seconds={} capped at {}", clockSkewSeconds, MAX_CLOCK_SKEW_SECONDS);
            return MAX_CLOCK_SKEW_SECONDS;
        }
        return clockSkewSeconds;
    }

    /** A JWKS outage at start is not fatal: requests answer 503 until the keys can be fetched. */
    private static String prewarm(JWKSource<SecurityContext> keys) {
        try {
            return JwksKeys.prewarm(keys) + " keys";
        } catch (KeySourceException e) {
            LOG.warn("JWKS not reachable at start ({}); token checks answer 503 until it is", e.getMessage());
            return "not reachable yet";
        }
    }

    /** The application's problem renderer, so that edge answers use the same problem types as the routes. */
    private static ProblemJson problemJson(CamelContext camelContext) {
        ProblemJson json = camelContext.getRegistry().findSingleByType(ProblemJson.class);
        if (json == null) {
            throw new IllegalStateException("no ProblemJson bean: BridgeConfiguration must be configured");
        }
        return json;
    }

    /** {@code @PropertyInject} treats an empty default as none, so settings that may be absent are read here. */
    private static String optionalProperty(CamelContext camelContext, String key) {
        return camelContext.getPropertiesComponent().resolveProperty(key).map(String::trim).orElse("");
    }

    private static Map<String, String> ruleTexts(CamelContext camelContext) {
        Properties found = camelContext.getPropertiesComponent().loadProperties(key -> key.startsWith(RULES_PREFIX));
        Map<String, String> rules = new TreeMap<>();
        found.stringPropertyNames().forEach(key ->
                rules.put(key.substring(RULES_PREFIX.length()),
                        camelContext.resolvePropertyPlaceholders(found.getProperty(key)).trim()));
        return rules;
    }
}
