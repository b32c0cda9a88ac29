package io.busbridge.emulator;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;

import java.nio.file.Path;

/**
 * The key and certificate of the emulator's AMQPS listener: a PKCS12 key store, or a PEM key and
 * certificate. The Azure SDK uses TLS whenever it authenticates with an Entra token, so the
 * emulator needs this to receive {@code jwt} put-tokens.
 */
public final class EmulatorTls {

    private final KeyCertOptions keyCert;

    private EmulatorTls(KeyCertOptions keyCert) {
        this.keyCert = keyCert;
    }

    /** A PKCS12 key store (as {@code keytool -storetype PKCS12} writes) holding one key entry. */
    public static EmulatorTls pkcs12(Path keyStore, String password) {
        return new EmulatorTls(new PfxOptions().setPath(keyStore.toString()).setPassword(password));
    }

    /** A PEM private key (PKCS#8 or PKCS#1) and its PEM certificate chain. */
    public static EmulatorTls pem(Path key, Path certificate) {
        return new EmulatorTls(new PemKeyCertOptions().setKeyPath(key.toString()).setCertPath(certificate.toString()));
    }

    /** Picks the format by file name: {@code .p12}/{@code .pfx} is PKCS12, anything else is a PEM key. */
    public static EmulatorTls fromFiles(Path keyOrKeyStore, Path certificate, String password) {
        String name = keyOrKeyStore.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx")
                ? pkcs12(keyOrKeyStore, password)
                : pem(keyOrKeyStore, certificate);
    }

    KeyCertOptions keyCert() {
        return keyCert;
    }
}
