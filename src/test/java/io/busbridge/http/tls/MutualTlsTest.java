package io.busbridge.http.tls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.busbridge.Application;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional mTLS listener in the real HTTP stack, with certificates generated for this run. */
class MutualTlsTest {

    private static TestCertificates certs;
    private static Main main;
    private static URI events;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create();
        main = new Main(Application.class);
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", "0");
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:edge-test/stand-in-ingress.camel.yaml");
        main.addInitialProperty("busbridge.http.mtls.enabled", "true");
        main.addInitialProperty("busbridge.http.mtls.host", "127.0.0.1");
        main.addInitialProperty("busbridge.http.mtls.port", "0");
        main.addInitialProperty("busbridge.http.mtls.key-store", certs.path("server.p12").toString());
        main.addInitialProperty("busbridge.http.mtls.key-store-password", TestCertificates.PASSWORD);
        main.addInitialProperty("busbridge.http.mtls.trust-store", certs.path("server-trust.p12").toString());
        main.addInitialProperty("busbridge.http.mtls.trust-store-password", TestCertificates.PASSWORD);
        main.start();
        int port = main.getCamelContext().hasService(MutualTlsListener.class).actualPort();
        events = URI.create("https://127.0.0.1:" + port + "/v1/events");
    }

    @AfterAll
    static void stop() {
        main.stop();
    }

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
        HttpClient client = HttpClient.newBuilder().sslContext(certs.clientContext(clientKeyStore)).build();
        HttpRequest request = HttpRequest.newBuilder(events)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"order.created\"}"))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
