package io.busbridge.emulator.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Service Bus shared access signatures as the SDK writes them:
 * {@code SharedAccessSignature sr=<enc(audience)>&sig=<enc(base64(HMAC-SHA256(key, enc(audience) + "\n" + se)))>
 * &se=<epoch seconds>&skn=<enc(key name)>}. The key is the UTF-8 of the configured key string, not base64.
 */
public final class SasTokenVerifier {

    private static final String PREFIX = "SharedAccessSignature ";
    private static final String HMAC = "HmacSHA256";

    private final Map<String, SecretKeySpec> keysByName = new HashMap<>();

    public SasTokenVerifier(Map<String, String> keysByName) {
        keysByName.forEach((name, key) ->
                this.keysByName.put(name, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC)));
    }

    /**
     * @param expectedAudience the resource being authorized, e.g. {@code amqp://localhost/q1}
     * @return the token's expiry
     * @throws TokenRejectedException on bad format, unknown key name, bad signature, expiry, or an audience that
     *                                does not cover {@code expectedAudience}
     */
    public Instant verify(String token, String expectedAudience, Instant now) {
        Map<String, String> fields = fields(token);
        String encodedAudience = fields.get("sr");
        String expiry = fields.get("se");
        SecretKeySpec key = keysByName.get(decode(fields.get("skn"), "skn"));
        if (key == null) {
            throw new TokenRejectedException("SAS token names a key (skn) that is not configured");
        }
        Instant expiresAt = expiry(expiry);
        // The SDK signs the audience exactly as it appears in the token (URL-encoded), so use the raw sr text.
        byte[] expected = sign(key, encodedAudience + "\n" + expiry);
        if (!MessageDigest.isEqual(expected, signature(fields.get("sig")))) {
            throw new TokenRejectedException("SAS token signature does not match the key it names");
        }
        if (!now.isBefore(expiresAt)) {
            throw new TokenRejectedException("SAS token expired at " + expiresAt);
        }
        if (!covers(decode(encodedAudience, "sr"), expectedAudience)) {
            throw new TokenRejectedException("SAS token audience (sr) does not cover " + expectedAudience);
        }
        return expiresAt;
    }

    /**
     * A token for a namespace or a parent path covers everything below it, as in Service Bus. The scheme is left
     * out (tokens made for sb:// or https:// work over AMQP too) and hosts compare without case.
     */
    private static boolean covers(String tokenAudience, String expectedAudience) {
        String granted = withoutScheme(tokenAudience);
        String wanted = withoutScheme(expectedAudience);
        return !granted.isEmpty() && (wanted.equals(granted) || wanted.startsWith(granted + "/"));
    }

    private static String withoutScheme(String audience) {
        String lower = audience.toLowerCase(Locale.ROOT);
        int scheme = lower.indexOf("://");
        String rest = scheme < 0 ? lower : lower.substring(scheme + 3);
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest;
    }

    private static Map<String, String> fields(String token) {
        if (token == null || !token.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new TokenRejectedException("SAS token does not start with '" + PREFIX.trim() + "'");
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : token.substring(PREFIX.length()).trim().split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new TokenRejectedException("SAS token has a field without '='");
            }
            String name = pair.substring(0, equals);
            if (fields.put(name, pair.substring(equals + 1)) != null) {
                throw new TokenRejectedException("SAS token repeats the field '" + safeName(name) + "'");
            }
        }
        for (String required : new String[] {"sr", "sig", "se", "skn"}) {
            if (fields.get(required) == null || fields.get(required).isEmpty()) {
                throw new TokenRejectedException("SAS token lacks the '" + required + "' field");
            }
        }
        return fields;
    }

    private static Instant expiry(String epochSeconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(epochSeconds));
        } catch (RuntimeException e) {
            throw new TokenRejectedException("SAS token expiry (se) is not a number of epoch seconds");
        }
    }

    private static byte[] signature(String encodedSignature) {
        try {
            return Base64.getDecoder().decode(decode(encodedSignature, "sig"));
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException("SAS token signature (sig) is not Base64");
        }
    }

    private static String decode(String value, String field) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException("SAS token field '" + field + "' is not valid URL encoding");
        }
    }

    private static byte[] sign(SecretKeySpec key, String stringToSign) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Field names come from the client: echo only short plain words, so a log line cannot carry token parts. */
    private static String safeName(String name) {
        return name.matches("[A-Za-z]{1,16}") ? name : "?";
    }
}
