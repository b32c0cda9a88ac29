package io.busbridge.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.busbridge.http.tls.MutualTlsListener;
import io.busbridge.http.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The optional mTLS listener in the running bridge, with certificates generated for this run: only a client
 * certificate from the trusted CA gets through to the routes.
 */
class MutualTlsTest {

    private static final TestCertificates CERTS = TestCertificates.create();

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("busbridge.http.mtls.enabled", "true")
            .with("busbridge.http.mtls.host", "127.0.0.1")
            .with("busbridge.http.mtls.port", "0")
            .with("busbridge.http.mtls.key-store", CERTS.path("server.p12").toString())
            .with("busbridge.http.mtls.key-store-password", TestCertificates.PASSWORD)
            .with("busbridge.http.mtls.trust-store", CERTS.path("server-trust.p12").toString())
            .with("busbridge.http.mtls.trust-store-password", TestCertificates.PASSWORD);

    @Test
    void clientCertificateFromTrustedCaIsAccepted() throws Exception {
        HttpResponse<String> response = post("client.p12");

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void noClientCertificateIsRefused() {
        assertThatThrownBy(() -> post(null)).isInstanceOf(IOException.class);
    }

    @Test
    void clientCertificateFromUnknownIssuerIsRefused() {
        assertThatThrownBy(() -> post("rogue.p12")).isInstanceOf(IOException.class);
    }

    private static HttpResponse<String> post(String clientKeyStore) throws Exception {
        int port = BRIDGE.camelContext().hasService(MutualTlsListener.class).actualPort();
        HttpClient client = HttpClient.newBuilder().sslContext(CERTS.clientContext(clientKeyStore)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Examples.of("order.schema.json").get(1)))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
