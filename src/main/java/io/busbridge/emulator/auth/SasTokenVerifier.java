package io.busbridge.emulator.auth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stub until the emu-rules branch lands. */
public final class SasTokenVerifier {
    private final Map<String, String> keysByName;

    public SasTokenVerifier(Map<String, String> keysByName) {
        this.keysByName = Map.copyOf(keysByName);
    }

    public Instant verify(String token, String expectedAudience, Instant now) {
        Map<String, String> f = new HashMap<>();
        for (String pair : token.substring(token.indexOf(' ') + 1).split("&")) {
            int eq = pair.indexOf('=');
            f.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String key = keysByName.get(f.get("skn"));
        if (key == null) {
            throw new TokenRejectedException("unknown key name");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = URLEncoder.encode(f.get("sr"), StandardCharsets.UTF_8) + "\n" + f.get("se");
            byte[] sig = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            if (!MessageDigest.isEqual(sig, Base64.getDecoder().decode(f.get("sig")))) {
                throw new TokenRejectedException("bad signature");
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new TokenRejectedException("cannot verify");
        }
        Instant expiry = Instant.ofEpochSecond(Long.parseLong(f.get("se")));
        if (!expiry.isAfter(now)) {
            throw new TokenRejectedException("expired");
        }
        return expiry;
    }
}
