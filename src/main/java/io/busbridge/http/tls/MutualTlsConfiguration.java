package io.busbridge.http.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.busbridge.SettingsException;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * Optional mTLS in front of the bridge ({@code busbridge.http.mtls.*}). When on, Camel's plain listener must
 * be bound to loopback ({@code camel.server.host}): otherwise callers could simply skip the certificate by
 * using the plain port, so start-up stops with one clear error instead.
 */
public class MutualTlsConfiguration implements CamelConfiguration {

    @PropertyInject(value = "busbridge.http.mtls.enabled", defaultValue = "false")
    boolean enabled;
    @PropertyInject(value = "busbridge.http.mtls.host", defaultValue = "0.0.0.0")
    String host;
    @PropertyInject(value = "busbridge.http.mtls.port", defaultValue = "8443")
    int port;
    @PropertyInject(value = "camel.server.host", defaultValue = "0.0.0.0")
    String camelServerHost;
    @PropertyInject(value = "camel.server.port", defaultValue = "8080")
    int camelServerPort;

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        if (!enabled) {
            return;
        }
        String keyStore = optionalProperty(camelContext, "busbridge.http.mtls.key-store");
        String trustStore = optionalProperty(camelContext, "busbridge.http.mtls.trust-store");
        if (keyStore.isBlank() || trustStore.isBlank()) {
            throw new SettingsException("busbridge.http.mtls.enabled=true needs busbridge.http.mtls.key-store"
                    + " (BUSBRIDGE_MTLS_KEY_STORE) and busbridge.http.mtls.trust-store (BUSBRIDGE_MTLS_TRUST_STORE)");
        }
        if (!isLoopback(camelServerHost)) {
            throw new SettingsException("busbridge.http.mtls.enabled=true needs camel.server.host=127.0.0.1"
                    + " (BUSBRIDGE_HTTP_HOST), or the plain listener on " + camelServerHost
                    + " would let callers skip the client certificate");
        }
        MutualTlsListener listener = new MutualTlsListener(new MutualTlsSettings(host, port,
                keyStore, optionalProperty(camelContext, "busbridge.http.mtls.key-store-password"),
                trustStore, optionalProperty(camelContext, "busbridge.http.mtls.trust-store-password")), camelServerPort);
        camelContext.addService(listener);
        camelContext.addStartupListener(listener);
    }

    /** {@code @PropertyInject} treats an empty default as none, so settings that may be absent are read here. */
    private static String optionalProperty(CamelContext camelContext, String key) {
        return camelContext.getPropertiesComponent().resolveProperty(key).map(String::trim).orElse("");
    }

    private static boolean isLoopback(String host) throws UnknownHostException {
        return InetAddress.getByName(host).isLoopbackAddress();
    }
}
