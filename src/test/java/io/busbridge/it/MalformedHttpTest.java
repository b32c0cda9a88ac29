package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request targets HttpClient cannot send, written on a raw socket (found by bench/faults.sh, where they were
 * answered 500): a malformed request is the client's fault, a 4xx problem, and nothing is published.
 */
class MalformedHttpTest {

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator();

    @ParameterizedTest
    @ValueSource(strings = {"*", "v1/events"})
    void requestTargetThatIsNotAnAbsolutePathIsA4xxProblem(String target) throws IOException {
        String body = Examples.of("order.schema.json").get(1);
        String answer = exchange("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(answer).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(BRIDGE.activeMessages().values()).containsOnly(0L);
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", BRIDGE.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
