package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.camel.main.Main;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.Test;

import io.busbridge.Application;
import io.busbridge.SettingsException;

/** Edge settings that cannot work stop start-up with one message naming what to set. */
class EdgeStartupTest {

    @Test
    void jwtModeWithoutIssuerAudienceAndJwksRefusesToStart() {
        assertStartFails(Map.of("busbridge.auth.mode", "jwt"),
                "BUSBRIDGE_AUTH_MODE=jwt needs BUSBRIDGE_AUTH_ISSUER, BUSBRIDGE_AUTH_AUDIENCE, BUSBRIDGE_AUTH_JWKS_URL"
                        + " (busbridge.auth.issuer/audience/jwks-url); set them, or BUSBRIDGE_AUTH_MODE=off"
                        + " if API Gateway authenticates every call");
    }

    @Test
    void unknownModeRefusesToStart() {
        assertStartFails(Map.of("busbridge.auth.mode", "maybe"),
                "busbridge.auth.mode (BUSBRIDGE_AUTH_MODE) must be 'jwt' or 'off', not 'maybe'");
    }

    @Test
    void invalidRuleRefusesToStart() {
        assertStartFails(Map.of("busbridge.auth.mode", "jwt", "busbridge.auth.issuer", "https://issuer.test",
                        "busbridge.auth.audience", "api://busbridge", "busbridge.auth.jwks-url", "http://127.0.0.1:9/jwks",
                        "busbridge.auth.rules.orders", "order.*:role=admin"),
                "busbridge.auth.rules.orders='order.*:role=admin' is invalid: unknown grant kind 'role'");
    }

    @Test
    void mtlsWithPublicPlainListenerRefusesToStart() {
        assertStartFails(Map.of("camel.server.host", "0.0.0.0", "busbridge.http.mtls.enabled", "true",
                        "busbridge.http.mtls.key-store", "server.p12", "busbridge.http.mtls.trust-store", "trust.p12"),
                "busbridge.http.mtls.enabled=true needs camel.server.host=127.0.0.1 (BUSBRIDGE_HTTP_HOST), or the"
                        + " plain listener on 0.0.0.0 would let callers skip the client certificate");
    }

    private static void assertStartFails(Map<String, String> overrides, String message) {
        Main main = Application.create();
        main.addOverrideProperty("busbridge.emulator.port", "0");
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.server.port", "0");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.main.jmx-enabled", "false");
        overrides.forEach(main::addOverrideProperty);
        try {
            assertThatThrownBy(main::start)
                    .satisfies(e -> assertThat(ObjectHelper.getException(SettingsException.class, e)).hasMessage(message));
        } finally {
            main.shutdown();
        }
    }
}
