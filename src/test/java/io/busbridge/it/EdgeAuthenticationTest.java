package io.busbridge.it;

import static io.busbridge.http.auth.TestTokens.sign;
import static io.busbridge.http.auth.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.busbridge.fixture.CapturedLogs;
import io.busbridge.http.auth.JwksServer;
import io.busbridge.http.auth.TestTokens;

/**
 * Edge authentication in the running bridge (BUSBRIDGE_AUTH_MODE=jwt, the shipped rules), with tokens from a
 * local JWKS issuer: every rejection is problem+json and publishes nothing; a good token is published with the
 * caller's identity; no token reaches a log line. The rotation test runs first: refetches for unknown kids are rate-limited, and the
 * matrix below sends some.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeAuthenticationTest {

    /** Opened before the bridge starts, so that every line of the run is seen. */
    private static final CapturedLogs LOGS = new CapturedLogs();
    /** Every token this class sends, good or bad: none may appear in any log line. */
    private static final Set<String> TOKENS_SENT = ConcurrentHashMap.newKeySet();

    private static final RSAKey RSA = rsaKey("issuer-rsa-1");
    private static final ECKey EC = ecKey("issuer-ec-1");
    private static final JwksServer JWKS = jwksServer();
    private static final String ORDER = Examples.of("order.schema.json").get(0);
    private static final String EXPRESS_ORDER = Examples.of("order.schema.json").get(1);
    private static final String PAYMENT = Examples.of("payment.schema.json").get(0);

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator()
            .with("busbridge.auth.mode", "jwt")
            .with("busbridge.auth.issuer", TestTokens.ISSUER)
            .with("busbridge.auth.audience", TestTokens.AUDIENCE)
            .with("busbridge.auth.jwks-url", () -> JWKS.url().toString());

    private final Inbox inbox = BRIDGE.inbox();

    @AfterAll
    static void stopIssuerAndLogCapture() {
        JWKS.close();
        LOGS.close();
    }

    @Test
    @Order(1)
    void rotatedIssuerKeyIsAcceptedWithoutRestart() throws Exception {
        RSAKey next = TestTokens.rsaKey("issuer-rsa-2");
        JWKS.publish(RSA, next, EC);

        assertThat(postWithToken(EXPRESS_ORDER, sign(next, validClaims().build()))
                .statusCode()).isEqualTo(202);
        assertThat(inbox.queue("orders-express", 2)).hasSize(1);
    }

    @Test
    @Order(2)
    void validTokenIsPublishedWithTheCallerIdentityAndNoToken() throws Exception {
        String token = sign(EC, validClaims().build());

        TOKENS_SENT.add(token);
        HttpResponse<String> response = BRIDGE.post("/v1/events", ORDER, "Authorization", "Bearer " + token,
                "caller-sub", "spoofed-by-client");

        assertThat(response.statusCode()).isEqualTo(202);
        List<ServiceBusReceivedMessage> received = inbox.session("orders", "cust-42", 2);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getApplicationProperties())
                .containsEntry("caller-sub", "user-42")
                .containsEntry("caller-client-id", "gateway-client")
                .doesNotContainKeys("Authorization", "authorization");
        assertThat(received.get(0).getApplicationProperties().values()).noneMatch(token::equals);
        assertAllEntitiesEmpty();
    }

    @Test
    @Order(3)
    void noTokenIs401WithABearerChallengeAndNothingPublished() {
        HttpResponse<String> response = BRIDGE.post("/v1/events", ORDER);

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"busbridge\"");
        assertAllEntitiesEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    @Order(4)
    void badTokenIs401InvalidTokenAndNothingPublished(String caseName, String token, String description) {
        HttpResponse<String> response = postWithToken(ORDER, token);

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"busbridge\", "
                + "error=\"invalid_token\", error_description=\"" + description + "\"");
        assertThat(response.body()).contains(description).doesNotContain(token);
        assertAllEntitiesEmpty();
    }

    static Stream<Arguments> badTokens() throws Exception {
        RSAKey unknownKid = TestTokens.rsaKey("never-published");
        RSAKey impostor = TestTokens.rsaKey(RSA.getKeyID());
        return Stream.of(
                Arguments.of("malformed", "not.a.jwt", "the token is not a well-formed JWT"),
                Arguments.of("expired", sign(RSA, validClaims().expirationTime(secondsAgo(120)).build()),
                        "the token has expired"),
                Arguments.of("not yet valid", sign(RSA, validClaims().notBeforeTime(secondsAgo(-120)).build()),
                        "the token is not valid yet (nbf)"),
                Arguments.of("wrong issuer", sign(RSA, validClaims().issuer("https://other.test").build()),
                        "the token comes from an untrusted issuer"),
                Arguments.of("wrong audience", sign(RSA, validClaims().audience("api://other").build()),
                        "the token is not meant for this audience"),
                Arguments.of("signed by an unknown key", sign(impostor, validClaims().build()),
                        "the token signature is invalid"),
                Arguments.of("alg none", TestTokens.unsigned(validClaims().build()),
                        "only signed tokens (RS256, ES256) are accepted"),
                Arguments.of("HS256 with the public key", TestTokens.hs256WithPublicKey(RSA, validClaims().build()),
                        "the token algorithm is not accepted (RS256, ES256 only)"),
                Arguments.of("unknown kid", sign(unknownKid, validClaims().build()),
                        "the token is signed by an unknown key"));
    }

    @Test
    @Order(5)
    void twoAuthorizationHeadersAre401AndNothingPublished() throws Exception {
        String token = sign(RSA, validClaims().build());
        TOKENS_SENT.add(token);

        HttpResponse<String> response = BRIDGE.post("/v1/events", ORDER,
                "Authorization", "Bearer " + token, "Authorization", "Bearer " + token);

        assertProblem(response, 401);
        assertThat(response.body()).contains("more than one Authorization header");
        assertAllEntitiesEmpty();
    }

    @Test
    @Order(5)
    void scopeForOrdersDoesNotAllowPaymentsAnd403PublishesNothing() throws Exception {
        String ordersWriter = sign(RSA, validClaims().build());

        HttpResponse<String> response = postWithToken(PAYMENT, ordersWriter);

        assertProblem(response, 403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"");
        assertThat(response.body()).contains("payment.captured");
        assertAllEntitiesEmpty();
    }

    @Test
    @Order(6)
    void noTokenOrSignatureAppearsInAnyLogLine() {
        assertThat(TOKENS_SENT).hasSizeGreaterThan(10);
        assertThat(LOGS.lines()).isNotEmpty();
        for (String token : TOKENS_SENT) {
            String[] parts = token.split("\\.");
            String signature = parts.length == 3 && parts[2].length() > 16 ? parts[2] : token;
            assertThat(LOGS.lines()).noneMatch(line -> line.contains(token) || line.contains(signature));
        }
    }

    @Test
    @Order(7)
    void edgeAnswersAreCountedByStatusAndType() {
        int port = BRIDGE.camelContext().hasService(ManagementHttpServer.class).getPort();
        String scrape = BRIDGE.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/metrics")).GET().build()).body();

        assertThat(scrape).contains("busbridge_edge_rejections_total{status=\"401\",type=\"unauthorized\"} 1.0",
                "busbridge_edge_rejections_total{status=\"401\",type=\"invalid-token\"}",
                "busbridge_edge_rejections_total{status=\"403\",type=\"forbidden\"} 1.0");
    }

    private static HttpResponse<String> postWithToken(String body, String token) {
        TOKENS_SENT.add(token);
        return BRIDGE.post("/v1/events", body, "Authorization", "Bearer " + token);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Examples.json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("https://busbridge.io/problems/");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private static void assertAllEntitiesEmpty() {
        assertThat(BRIDGE.activeMessages()).allSatisfy((entity, count) -> assertThat(count).as(entity).isZero());
    }

    private static Date secondsAgo(long seconds) {
        return Date.from(Instant.now().minusSeconds(seconds));
    }

    private static RSAKey rsaKey(String kid) {
        try {
            return TestTokens.rsaKey(kid);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ecKey(String kid) {
        try {
            return TestTokens.ecKey(kid);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwksServer jwksServer() {
        try {
            return new JwksServer(RSA, EC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
