package io.busbridge.campaign;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One hostile request, written byte for byte (raw socket), so that malformed HTTP can be expressed too.
 *
 * @param family      the corpus family (e.g. truncated-json)
 * @param name        what this case does
 * @param head        request line and header lines, without the blank line that ends them
 * @param body        bytes after the blank line (may disagree with Content-Length on purpose)
 * @param pauseMillis pause between chunks of a slow request (0: all at once)
 * @param stall       the request is never finished: the client gives up, no answer is required
 * @param httpLayer   malformed HTTP: any 4xx (or closing the connection) is a correct answer
 */
record HostileCase(String family, String name, String head, byte[] body, int pauseMillis, boolean stall,
                   boolean httpLayer) {

    /** A POST to /v1/events with the given body, content type and extra header lines. */
    static HostileCase post(String family, String name, byte[] body, String contentType, String... headerLines) {
        return request(family, name, "POST", "/v1/events", body, contentType, headerLines);
    }

    static HostileCase post(String family, String name, String body, String... headerLines) {
        return post(family, name, body.getBytes(StandardCharsets.UTF_8), "application/json", headerLines);
    }

    static HostileCase request(String family, String name, String method, String target, byte[] body,
                               String contentType, String... headerLines) {
        List<String> lines = new ArrayList<>();
        lines.add(method + " " + target + " HTTP/1.1");
        lines.add("Host: 127.0.0.1");
        if (contentType != null) {
            lines.add("Content-Type: " + contentType);
        }
        lines.add("Content-Length: " + body.length);
        lines.addAll(List.of(headerLines));
        lines.add("Connection: close");
        return new HostileCase(family, name, String.join("\r\n", lines), body, 0, false, false);
    }

    HostileCase slow(int pause) {
        return new HostileCase(family, name, head, body, pause, stall, httpLayer);
    }

    HostileCase stalled() {
        return new HostileCase(family, name, head, body, pauseMillis, true, httpLayer);
    }

    HostileCase malformedHttp() {
        return new HostileCase(family, name, head, body, pauseMillis, stall, true);
    }

    /** Raw request bytes as sent; for cases written by hand. */
    static HostileCase raw(String family, String name, String head, byte[] body) {
        return new HostileCase(family, name, head, body, 0, false, true);
    }

    byte[] bytes() {
        byte[] headBytes = (head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
