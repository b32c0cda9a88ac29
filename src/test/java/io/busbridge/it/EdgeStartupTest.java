package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    /** The real entry point, as an operator runs it: one line on stderr, exit status 2, no stack trace. */
    @Test
    void applicationPrintsTheOneLineAndExits() throws Exception {
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName());
        Map<String, String> env = java.environment();
        env.keySet().removeIf(name -> name.startsWith("BUSBRIDGE_") || name.startsWith("SERVICEBUS_"));
        env.putAll(Map.of("BUSBRIDGE_AUTH_MODE", "jwt", "BUSBRIDGE_AUTH_ISSUER", "https://issuer.test",
                "BUSBRIDGE_EMULATOR_PORT", "0", "BUSBRIDGE_HTTP_HOST", "127.0.0.1", "BUSBRIDGE_HTTP_PORT", "0",
                "BUSBRIDGE_MANAGEMENT_HOST", "127.0.0.1", "BUSBRIDGE_MANAGEMENT_PORT", "0"));
        Path stderrFile = Files.createTempFile("busbridge-stderr", ".txt");
        java.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderrFile.toFile());
        Process process = java.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        process.destroyForcibly();
        String stderr = Files.readString(stderrFile, StandardCharsets.UTF_8);
        Files.delete(stderrFile);

        assertThat(exited).as("exited by itself").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr.strip()).isEqualTo("busbridge cannot start: BUSBRIDGE_AUTH_MODE=jwt needs"
                + " BUSBRIDGE_AUTH_AUDIENCE, BUSBRIDGE_AUTH_JWKS_URL (busbridge.auth.issuer/audience/jwks-url);"
                + " set them, or BUSBRIDGE_AUTH_MODE=off if API Gateway authenticates every call");
    }

    @Test
    void jwksUrlThatIsNoUrlRefusesToStart() {
        assertStartFails(Map.of("busbridge.auth.mode", "jwt", "busbridge.auth.issuer", "https://issuer.test",
                        "busbridge.auth.audience", "api://busbridge", "busbridge.auth.jwks-url", "not a url"),
                "busbridge.auth.jwks-url (BUSBRIDGE_AUTH_JWKS_URL) is not a URL: not a url");
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
