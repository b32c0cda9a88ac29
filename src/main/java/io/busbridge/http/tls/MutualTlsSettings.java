package io.busbridge.http.tls;

/**
 * Where the mTLS listener binds and its PKCS#12 stores: the server key and certificate, and the CA
 * certificates whose client certificates are accepted. Passwords come from the environment, never a file.
 */
record MutualTlsSettings(String host, int port, String keyStore, String keyStorePassword,
                         String trustStore, String trustStorePassword) {

    @Override
    public String toString() {
        return "MutualTlsSettings[" + host + ":" + port + ", keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }
}
