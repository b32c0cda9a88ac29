package io.busbridge.http.auth;

import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The authenticated caller as the edge saw it: who (subject), through which client, and what it may do
 * (scopes and groups). Built only from a token whose signature and claims were verified.
 */
public record Caller(String subject, String clientId, Set<String> scopes, Set<String> groups) {

    /** Exchange header carrying {@link #subject()}; the publisher maps it to the application property of the same name. */
    public static final String SUBJECT_HEADER = "caller-sub";
    /** Exchange header carrying {@link #clientId()}; mapped like {@link #SUBJECT_HEADER}. */
    public static final String CLIENT_ID_HEADER = "caller-client-id";

    /** Client-id claims in order of preference: OIDC authorized party, RFC 8693/9068 client_id, Entra v1 appid. */
    private static final List<String> CLIENT_ID_CLAIMS = List.of("azp", "client_id", "appid");

    static Caller fromClaims(JWTClaimsSet claims) throws ParseException {
        return new Caller(
                claims.getSubject(),
                firstStringClaim(claims, CLIENT_ID_CLAIMS),
                union(claimValues(claims, "scope"), claimValues(claims, "scp")),
                claimValues(claims, "groups"));
    }

    private static String firstStringClaim(JWTClaimsSet claims, List<String> names) throws ParseException {
        for (String name : names) {
            String value = claims.getStringClaim(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** A claim that issuers send either as one space-separated string (RFC 8693 scope) or as a JSON array. */
    private static Set<String> claimValues(JWTClaimsSet claims, String name) throws ParseException {
        Object value = claims.getClaim(name);
        if (value instanceof String text) {
            return words(text);
        }
        if (value instanceof List<?>) {
            return new LinkedHashSet<>(claims.getStringListClaim(name));
        }
        return Set.of();
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
        words.remove("");
        return words;
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }
}
