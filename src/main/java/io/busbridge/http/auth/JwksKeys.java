package io.busbridge.http.auth;

import java.net.URL;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The issuer's signing keys, fetched from its JWKS URL by nimbus' {@link JWKSourceBuilder}, which already
 * does what a JWKS client needs: a cache (5 min) refreshed ahead of expiry by a background thread, so requests
 * seldom wait; an unknown {@code kid} forces one refetch (key rotation), rate-limited to two fetches
 * per 30 s so that tokens with made-up kids cannot hammer the IdP; and outage tolerance, which keeps using
 * the last good key set for a while when the endpoint is down.
 */
final class JwksKeys {

    private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

    private JwksKeys() {
    }

    static JWKSource<SecurityContext> remote(URL jwksUrl) {
        return JWKSourceBuilder.<SecurityContext>create(jwksUrl)
                .cache(true)
                .refreshAheadCache(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, null, daemonRefresher(), true, null, false)
                .rateLimited(true)
                .outageTolerant(true)
                .build();
    }

    /** nimbus' own refresher thread is not a daemon and would keep the JVM alive after Camel stops. */
    private static ExecutorService daemonRefresher() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "busbridge-jwks-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Fetches the key set once so that the first request does not wait; returns how many keys it holds. */
    static int prewarm(JWKSource<SecurityContext> keys) throws KeySourceException {
        List<JWK> found = keys.get(ANY_KEY, null);
        return found.size();
    }
}
