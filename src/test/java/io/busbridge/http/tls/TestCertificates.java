package io.busbridge.http.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made with the JDK's keytool in a temporary folder for one test run (no key is ever
 * committed): a client CA, a client certificate it signed, a client certificate nobody trusts, and a server
 * certificate for 127.0.0.1, plus the PKCS#12 stores each side needs.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-only-password";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create() {
        try {
            return generate();
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate test certificates", e);
        }
    }

    private static TestCertificates generate() throws Exception {
        TestCertificates certs = new TestCertificates(Files.createTempDirectory("busbridge-mtls"));
        certs.keyPair("ca.p12", "ca", "CN=busbridge test client CA", "bc:c");
        certs.keyPair("server.p12", "server", "CN=127.0.0.1", "san=ip:127.0.0.1");
        certs.keyPair("client.p12", "client", "CN=api-gateway", null);
        certs.keyPair("rogue.p12", "rogue", "CN=rogue", null);
        certs.keytool("-certreq", "-alias", "client", "-keystore", "client.p12", "-file", "client.csr");
        certs.keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "client.csr", "-outfile", "client.crt");
        certs.keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.crt");
        certs.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "client.p12");
        certs.keytool("-importcert", "-noprompt", "-alias", "client", "-file", "client.crt", "-keystore", "client.p12");
        certs.keytool("-importcert", "-noprompt", "-alias", "client-ca", "-file", "ca.crt", "-keystore", "server-trust.p12");
        certs.keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.crt");
        certs.keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore", "client-trust.p12");
        return certs;
    }

    public Path path(String file) {
        return dir.resolve(file);
    }

    /** TLS context of a client presenting the certificate in {@code keyStoreFile}, or none when null. */
    public SSLContext clientContext(String keyStoreFile) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("client-trust.p12"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStoreFile == null ? null : load(keyStoreFile), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyStoreFile == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path(file))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void keyPair(String store, String alias, String dname, String extension) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", dname, "-keystore", store));
        if (extension != null) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args.toArray(String[]::new));
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
