package io.busbridge.identity;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in any text that is about to be logged or shown (log lines, error bodies,
 * JMX attributes, {@code /observe} output): Service Bus connection-string keys and SAS tokens,
 * bearer tokens, client assertions and bare JWTs. What stays readable — the endpoint, the key
 * name, the entity — is what an operator needs to tell which credential is meant.
 */
public final class SecretMasker {

    static final String MASK = "***";

    /** Each pattern's group 1 is kept; the rest of the match becomes {@link #MASK}. */
    private static final List<Pattern> SECRETS = List.of(
            // connection string parts: SharedAccessKey=...; and SharedAccessSignature=...; (value up to ';')
            Pattern.compile("(?i)(SharedAccessKey\\s*=\\s*)[^;\\s\"']+"),
            Pattern.compile("(?i)(SharedAccessSignature\\s*=\\s*)[^;\"']+"),
            // a SAS token on its own: "SharedAccessSignature sr=...&sig=...&se=...&skn=..."
            Pattern.compile("(SharedAccessSignature\\s+)[^;\\s\"']+"),
            // the signature of a SAS wherever it appears (URLs, query strings)
            Pattern.compile("(?i)([?&\\s]sig=)[^&;\\s\"']+"),
            Pattern.compile("(?i)(Bearer\\s+)[A-Za-z0-9._~+/=-]+"),
            Pattern.compile("(?i)((?:client_assertion|access_token|id_token|refresh_token|client_secret)[\"']?\\s*[=:]\\s*[\"']?)[^&\\s\"',}]+"),
            // a JWS/JWT anywhere else (base64url JSON header "eyJ..." + payload + signature)
            Pattern.compile("()eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"));

    private SecretMasker() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (Pattern secret : SECRETS) {
            Matcher m = secret.matcher(masked);
            masked = m.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
        }
        return masked;
    }
}
