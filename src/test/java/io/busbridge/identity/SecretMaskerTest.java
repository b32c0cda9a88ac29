package io.busbridge.identity;

import org.junit.jupiter.api.Test;

import static io.busbridge.identity.SecretMasker.mask;
import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    private static final String JWT =
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJidXNicmlkZ2UiLCJhdWQiOiJodHRwczovL3NlcnZpY2VidXMuYXp1cmUubmV0In0.c2lnbmF0dXJl";

    @Test
    void masksTheKeyOfAConnectionStringAndKeepsTheRest() {
        String cs = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
                + "SharedAccessKey=c2VjcmV0LWtleS12YWx1ZQ==;EntityPath=orders";

        assertThat(mask(cs)).isEqualTo("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
                + "SharedAccessKey=***;EntityPath=orders");
    }

    @Test
    void masksASignatureInAConnectionString() {
        String cs = "Endpoint=sb://ns/;SharedAccessSignature=SharedAccessSignature sr=amqp%3A%2F%2Fns%2Fq1&sig=abc%2B1&se=1700000000&skn=send;EntityPath=q1";

        assertThat(mask(cs)).isEqualTo("Endpoint=sb://ns/;SharedAccessSignature=***;EntityPath=q1");
    }

    @Test
    void masksABareSasToken() {
        assertThat(mask("put-token failed for SharedAccessSignature sr=amqp%3A%2F%2Fns%2Fq1&sig=abc&se=1&skn=k (401)"))
                .isEqualTo("put-token failed for SharedAccessSignature *** (401)");
    }

    @Test
    void masksSasSignaturesInUrls() {
        assertThat(mask("GET https://ns/q1?sr=x&sig=abc%3D&se=1")).isEqualTo("GET https://ns/q1?sr=x&sig=***&se=1");
    }

    @Test
    void masksBearerTokensAndBareJwts() {
        assertThat(mask("Authorization: Bearer " + JWT)).isEqualTo("Authorization: Bearer ***");
        assertThat(mask("authorization: bearer opaque-token-123")).isEqualTo("authorization: bearer ***");
        assertThat(mask("token " + JWT + " rejected")).isEqualTo("token *** rejected");
    }

    @Test
    void masksTokenFieldsInFormsAndJson() {
        assertThat(mask("grant_type=client_credentials&client_assertion=" + JWT + "&client_id=abc"))
                .isEqualTo("grant_type=client_credentials&client_assertion=***&client_id=abc");
        assertThat(mask("{\"access_token\":\"opaque\",\"expires_in\":10}"))
                .isEqualTo("{\"access_token\":\"***\",\"expires_in\":10}");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Sent message 42 to queue orders (SharedAccessKeyName=send)";

        assertThat(mask(text)).isEqualTo(text);
        assertThat(mask(null)).isNull();
    }
}
