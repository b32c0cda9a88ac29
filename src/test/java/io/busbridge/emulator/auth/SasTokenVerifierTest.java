package io.busbridge.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.messaging.servicebus.implementation.ServiceBusSharedKeyCredential;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens come from the Azure SDK's own signer, so the format is checked against what clients really send. */
class SasTokenVerifierTest {

    private static final String KEY_NAME = "RootManageSharedAccessKey";
    private static final String KEY = "SAS_KEY_VALUE";
    private static final String QUEUE = "amqp://localhost/q1";

    private final SasTokenVerifier verifier = new SasTokenVerifier(Map.of(KEY_NAME, KEY, "listen-only", "other"));

    private static AccessToken sdkToken(String keyName, String key, String audience) {
        return new ServiceBusSharedKeyCredential(keyName, key, Duration.ofMinutes(20))
                .getTokenSync(new TokenRequestContext().addScopes(audience));
    }

    private static String sdkTokenFor(String audience) {
        return sdkToken(KEY_NAME, KEY, audience).getToken();
    }

    @Test
    void acceptsTheSdkTokenAndReturnsItsExpiry() {
        AccessToken token = sdkToken(KEY_NAME, KEY, QUEUE);
        assertThat(token.getToken()).startsWith("SharedAccessSignature sr=amqp%3A%2F%2Flocalhost%2Fq1&sig=");

        Instant expiry = verifier.verify(token.getToken(), QUEUE, Instant.now());

        // se carries whole seconds
        assertThat(expiry).isEqualTo(token.getExpiresAt().toInstant().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void acceptsEveryConfiguredKey() {
        String token = sdkToken("listen-only", "other", QUEUE).getToken();
        assertThat(verifier.verify(token, QUEUE, Instant.now())).isAfter(Instant.now());
    }

    @Test
    void aNamespaceOrParentTokenCoversTheEntitiesBelowIt() {
        String namespace = sdkTokenFor("amqp://localhost/");
        assertThat(verifier.verify(namespace, QUEUE, Instant.now())).isNotNull();
        assertThat(verifier.verify(sdkTokenFor("sb://LOCALHOST"), QUEUE, Instant.now())).isNotNull();
        assertThat(verifier.verify(sdkTokenFor("amqp://localhost/t1"),
                "amqp://localhost/t1/subscriptions/s1/$deadletterqueue", Instant.now())).isNotNull();
    }

    @Test
    void rejectsATokenForAnotherEntity() {
        assertRejected(sdkTokenFor(QUEUE), "amqp://localhost/q2",
                "SAS token audience (sr) does not cover amqp://localhost/q2");
        // q1 is a prefix of q10 as text, but not as a path
        assertRejected(sdkTokenFor(QUEUE), "amqp://localhost/q10",
                "SAS token audience (sr) does not cover amqp://localhost/q10");
        assertRejected(sdkTokenFor("amqp://otherhost/"), QUEUE,
                "SAS token audience (sr) does not cover amqp://localhost/q1");
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() {
        assertRejected(sdkToken(KEY_NAME, "not-the-key", QUEUE).getToken(), QUEUE,
                "SAS token signature does not match the key it names");
    }

    @Test
    void rejectsAnUnknownKeyName() {
        assertRejected(sdkToken("SomeOtherPolicy", KEY, QUEUE).getToken(), QUEUE,
                "SAS token names a key (skn) that is not configured");
    }

    @Test
    void rejectsAnExpiredToken() {
        AccessToken token = sdkToken(KEY_NAME, KEY, QUEUE);
        Instant expiry = token.getExpiresAt().toInstant().truncatedTo(ChronoUnit.SECONDS);

        assertThatThrownBy(() -> verifier.verify(token.getToken(), QUEUE, expiry))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessage("SAS token expired at " + expiry);
        assertThat(verifier.verify(token.getToken(), QUEUE, expiry.minusSeconds(1))).isEqualTo(expiry);
    }

    @Test
    void rejectsATamperedExpiry() {
        String token = sdkTokenFor(QUEUE);
        String extended = token.replaceFirst("&se=(\\d+)", "&se=$19");
        assertRejected(extended, QUEUE, "SAS token signature does not match the key it names");
    }

    @Test
    void rejectsMalformedTokens() {
        String token = sdkTokenFor(QUEUE);
        assertRejected(null, QUEUE, "SAS token does not start with 'SharedAccessSignature'");
        assertRejected(token.substring("SharedAccessSignature ".length()), QUEUE,
                "SAS token does not start with 'SharedAccessSignature'");
        assertRejected(token.replaceFirst("&skn=[^&]*", ""), QUEUE, "SAS token lacks the 'skn' field");
        assertRejected(token.replaceFirst("&se=", "&se"), QUEUE, "SAS token has a field without '='");
        assertRejected(token + "&sr=amqp%3A%2F%2Flocalhost%2F", QUEUE, "SAS token repeats the field 'sr'");
        assertRejected(token.replaceFirst("&se=\\d+", "&se=soon"), QUEUE,
                "SAS token expiry (se) is not a number of epoch seconds");
        assertRejected(token.replaceFirst("&sig=[^&]*", "&sig=%%%"), QUEUE,
                "SAS token field 'sig' is not valid URL encoding");
        assertRejected(token.replaceFirst("&sig=[^&]*", "&sig=not*base64"), QUEUE,
                "SAS token signature (sig) is not Base64");
    }

    private void assertRejected(String token, String audience, String message) {
        assertThatThrownBy(() -> verifier.verify(token, audience, Instant.now()))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessage(message);
    }
}
