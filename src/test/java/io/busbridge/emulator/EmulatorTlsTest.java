package io.busbridge.emulator;

import io.busbridge.fixture.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/** The AMQPS listener serves the configured certificate, from a PKCS12 store or from PEM files. */
class EmulatorTlsTest {

    private final TestPki pki = TestPki.get();

    @Test
    void servesTheCertificateOfAPkcs12Store() throws Exception {
        assertServesTestCertificate(EmulatorTls.pkcs12(pki.keyStore(), pki.password()));
    }

    @Test
    void servesTheCertificateOfAPemKeyAndCertificate(@TempDir Path dir) throws Exception {
        Path[] pem = pki.writePem(dir);

        assertServesTestCertificate(EmulatorTls.fromFiles(pem[0], pem[1], null));
    }

    private void assertServesTestCertificate(EmulatorTls tls) throws Exception {
        try (ServiceBusEmulator emulator = ServiceBusEmulator.builder().host("127.0.0.1").port(0).tls(tls, 0).build().start();
             SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket("127.0.0.1", emulator.tlsPort())) {
            socket.startHandshake();

            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
            assertThat(emulator.port()).isNotEqualTo(emulator.tlsPort());
        }
    }
}
