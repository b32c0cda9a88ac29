package io.busbridge.http.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import io.busbridge.Application;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.busbridge.http.auth.TestTokens.sign;
import static io.busbridge.http.auth.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge in the real HTTP server (camel-main, platform-http on Vert.x, port 0), in front of a stand-in
 * route that records what reaches it: every rejection must answer problem+json and reach no route.
 */
class EdgeAuthHttpTest {

    private static final String ORDER = "{\"type\":\"order.created\",\"customerId\":\"c-1\"}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JwksServer jwks;
    private static RSAKey key;
    private static Main main;
    private static URI events;
    private static MockEndpoint arrived;

    @BeforeAll
    static void start() throws Exception {
        key = TestTokens.rsaKey("edge-1");
        jwks = new JwksServer(key);
        main = new Main(Application.class);
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", "0");
        main.addInitialProperty("busbridge.auth.mode", "jwt");
        main.addInitialProperty("busbridge.auth.issuer", TestTokens.ISSUER);
        main.addInitialProperty("busbridge.auth.audience", TestTokens.AUDIENCE);
        main.addInitialProperty("busbridge.auth.jwks-url", jwks.url().toString());
        main.addInitialProperty("busbridge.auth.rules.orders", "order.*:scope=events.orders.write|group=order-writers");
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:edge-test/stand-in-ingress.camel.yaml");
        main.start();
        arrived = main.getCamelContext().getEndpoint("mock:arrived", MockEndpoint.class);
        int port = VertxPlatformHttpRouter.lookup(main.getCamelContext(), "platform-http-router-0")
                .getServer().getServer().actualPort();
        events = URI.create("http://127.0.0.1:" + port + "/v1/events");
    }

    @AfterAll
    static void stop() {
        main.stop();
        jwks.close();
    }

    @BeforeEach
    void forgetArrivals() {
        arrived.reset();
    }

    @Test
    void noTokenIs401WithBareChallenge() throws Exception {
        HttpResponse<String> response = post(ORDER, null);

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"busbridge\"");
        assertThat(arrived.getReceivedExchanges()).isEmpty();
    }

    @Test
    void badTokenIs401InvalidTokenWithoutEchoingIt() throws Exception {
        String expired = sign(key, validClaims().expirationTime(new java.util.Date(0)).build());

        HttpResponse<String> response = post(ORDER, "Bearer " + expired);

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"busbridge\", error=\"invalid_token\", error_description=\"the token has expired\"");
        assertThat(response.body()).doesNotContain(expired).doesNotContain(expired.split("\\.")[2]);
        assertThat(arrived.getReceivedExchanges()).isEmpty();
    }

    @Test
    void wrongScopeForTheTypeIs403() throws Exception {
        String paymentsOnly = sign(key, validClaims().claim("scope", "events.payments.write").build());

        HttpResponse<String> response = post(ORDER, "Bearer " + paymentsOnly);

        assertProblem(response, 403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
        assertThat(response.body()).contains("order.created");
        assertThat(arrived.getReceivedExchanges()).isEmpty();
    }

    @Test
    void validTokenReachesTheRouteWithCallerHeadersAndNoAuthorization() throws Exception {
        HttpRequest request = request(ORDER, "Bearer " + sign(key, validClaims().build()))
                .header("caller-sub", "spoofed").build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(arrived.getReceivedExchanges()).hasSize(1);
        assertThat(arrived.getReceivedExchanges().get(0).getMessage().getHeaders())
                .containsEntry(Caller.SUBJECT_HEADER, "user-42")
                .containsEntry(Caller.CLIENT_ID_HEADER, "gateway-client")
                .doesNotContainKey("Authorization")
                .doesNotContainKey("authorization");
    }

    @Test
    void groupAlsoGrants() throws Exception {
        String groupMember = sign(key, validClaims().claim("scope", null).claim("groups", List.of("order-writers")).build());

        assertThat(post(ORDER, "Bearer " + groupMember).statusCode()).isEqualTo(202);
    }

    @Test
    void bodyWithoutReadableTypeIs400() throws Exception {
        String token = sign(key, validClaims().build());

        HttpResponse<String> response = post("{\"type\":\"order.created\",\"type\":\"payment.captured\"}", "Bearer " + token);

        assertProblem(response, 400);
        assertThat(arrived.getReceivedExchanges()).isEmpty();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).contains("\"title\"").contains("\"detail\"");
    }

    private static HttpResponse<String> post(String body, String authorization) throws Exception {
        return HTTP.send(request(body, authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String body, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(events)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }
}
