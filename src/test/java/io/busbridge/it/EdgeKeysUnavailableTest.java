package io.busbridge.it;

import static io.busbridge.http.auth.TestTokens.sign;
import static io.busbridge.http.auth.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.busbridge.http.auth.TestTokens;

/**
 * When the issuer's JWKS cannot be fetched and no keys are cached, a token can be judged neither way: the
 * answer is a 503 with Retry-After (retry later), not a 401 (give up), and nothing is published.
 */
class EdgeKeysUnavailableTest {

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("busbridge.auth.mode", "jwt")
            .with("busbridge.auth.issuer", TestTokens.ISSUER)
            .with("busbridge.auth.audience", TestTokens.AUDIENCE)
            .with("busbridge.auth.jwks-url", () -> "http://127.0.0.1:" + closedPort() + "/jwks");

    @Test
    void unreachableJwksIs503WithRetryAfter() throws Exception {
        String token = sign(TestTokens.rsaKey("any"), validClaims().build());

        HttpResponse<String> response = BRIDGE.post("/v1/events", Examples.of("order.schema.json").get(0),
                "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain(token);
        assertThat(BRIDGE.activeMessages()).allSatisfy((entity, count) -> assertThat(count).as(entity).isZero());
    }

    /** A port nothing listens on: taken from the OS, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
