package io.busbridge.campaign;

import static io.busbridge.campaign.HostileCase.post;
import static io.busbridge.campaign.HostileCase.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests around a valid body: wrong content types, header floods and oversized headers, slow and
 * stalled requests, invalid Idempotency-Key / X-Message-Ttl / X-Scheduled-Enqueue-Time / trace values,
 * unicode edge cases, and method and path fuzzing.
 */
final class HostileRequests {

    private HostileRequests() {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        contentTypes(cases);
        headerFloods(cases);
        slowRequests(cases);
        headerValues(cases);
        unicode(cases);
        methodsAndPaths(cases);
        return cases;
    }

    private static byte[] body(String id) {
        return HostileBodies.order(id).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A body the schema refuses (no items), for cases whose defect is in an unrelated part of the HTTP request:
     * whether the HTTP layer or the route refuses it, the answer must be a 4xx, never a 202.
     */
    private static byte[] invalid(String id) {
        return HostileBodies.order(id).replace("\"items\":[{\"sku\":\"sku-1\",\"quantity\":1}],", "")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void contentTypes(List<HostileCase> cases) {
        String[] types = {null, "", "text/plain", "application/xml", "text/json", "application/jsonx",
            "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/problem+json",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/*", "*/*",
            "application/json, text/plain", "json", "application/json;;", "application/json; charset=utf-8; x=\"y"};
        for (int i = 0; i < types.length; i++) {
            cases.add(post("content-type", "type-" + i, body("x-ct" + i), types[i]));
        }
        cases.add(post("content-type", "type-twice", body("x-ct2x"), "application/json", "Content-Type: text/plain"));
    }

    private static void headerFloods(List<HostileCase> cases) {
        for (int count : new int[] {100, 1000, 10_000}) {
            String[] lines = new String[count];
            for (int i = 0; i < count; i++) {
                lines[i] = "X-Flood-" + i + ": " + i;
            }
            cases.add(post("header-flood", "headers-" + count, invalid("x-hf" + count), "application/json", lines).malformedHttp());
        }
        for (int size : new int[] {9_000, 65_536, 1_048_576}) {
            cases.add(post("header-flood", "one-header-" + size, invalid("x-hs" + size), "application/json",
                    "X-Big: " + "b".repeat(size)).malformedHttp());
        }
        cases.add(post("header-flood", "idempotency-key-10k", invalid("x-ik10k"), "application/json",
                "Idempotency-Key: " + "k".repeat(10_000)).malformedHttp());
        cases.add(post("header-flood", "space-in-name", invalid("x-hn"), "application/json", "X Bad: 1").malformedHttp());
        cases.add(post("header-flood", "no-colon", invalid("x-hc"), "application/json", "X-No-Colon").malformedHttp());
        cases.add(post("header-flood", "obs-fold", invalid("x-hf"), "application/json", "X-Fold: a", " folded").malformedHttp());
        cases.add(post("header-flood", "nul-in-value", invalid("x-h0"), "application/json", "X-Nul: a\u0000b").malformedHttp());
        cases.add(post("header-flood", "cr-in-value", invalid("x-hr"), "application/json", "X-Cr: a\rb").malformedHttp());
    }

    private static void slowRequests(List<HostileCase> cases) {
        for (int i = 0; i < 4; i++) {
            cases.add(post("slow-body", "dribbled-invalid-" + i, "{\"type\":\"order.created\",\"orderId\":\"x-slow" + i
                    + "\",\"items\":[]}").slow(150));
        }
        for (int i = 0; i < 12; i++) {
            cases.add(post("slow-body", "stalled-body-" + i, invalid("x-stall" + i), "application/json").stalled());
        }
        for (int i = 0; i < 4; i++) {
            cases.add(HostileCase.raw("slow-body", "slow-headers-" + i, "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nX-A: 1\r\nX-B: 2\r\nX-C: 3", new byte[0]).slow(500).stalled());
        }
    }

    private static void headerValues(List<HostileCase> cases) {
        String[] keys = {"", " ", "k".repeat(129), "tab\tkey", latin1("ключ"), latin1("🔑"), "\u0001"};
        for (int i = 0; i < keys.length; i++) {
            HostileCase c = post("header-value", "idempotency-key-" + i, body("x-ik" + i), "application/json", "Idempotency-Key: " + keys[i]);
            // control characters are refused by the HTTP layer itself, before any route
            cases.add(keys[i].chars().anyMatch(Character::isISOControl) ? c.malformedHttp() : c);
        }
        cases.add(post("header-value", "idempotency-key-twice", body("x-ik2"), "application/json", "Idempotency-Key: x-a", "Idempotency-Key: x-b"));
        String[] ttls = {"", "10", "PT", "-PT5M", "PT0S", "abc", "P99999999999D", "PT-1S", "P1Y", "1 hour", "PT1H PT1H"};
        for (int i = 0; i < ttls.length; i++) {
            cases.add(post("header-value", "ttl-" + i, body("x-ttl" + i), "application/json", "Idempotency-Key: x-ttl" + i, "X-Message-Ttl: " + ttls[i]));
        }
        cases.add(post("header-value", "ttl-twice", body("x-ttl2x"), "application/json", "X-Message-Ttl: PT1M", "X-Message-Ttl: PT2M"));
        String[] times = {"", "tomorrow", "2030-01-01", "2030-13-01T00:00:00Z", "2030-01-01T25:00:00Z", "2030-01-01T00:00:00",
            "2030-02-30T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1e10", "2030-01-01T00:00:00+25:00"};
        for (int i = 0; i < times.length; i++) {
            cases.add(post("header-value", "schedule-" + i, body("x-sch" + i), "application/json", "Idempotency-Key: x-sch" + i, "X-Scheduled-Enqueue-Time: " + times[i]));
        }
        cases.add(post("header-value", "correlation-id-200", body("x-cid"), "application/json", "X-Correlation-Id: " + "c".repeat(200)));
        cases.add(post("header-value", "amzn-trace-id-300", body("x-amz"), "application/json", "X-Amzn-Trace-Id: " + "r".repeat(300)));
    }

    private static void unicode(List<HostileCase> cases) {
        String[] types = {"order.créé", "order.created\\u0000", "order.\\u202ecreated", "order.cre\\u200bated", "\\ud800",
            "order.created\\udc00", "ｏｒｄｅｒ.created", "order.cre\\u0301ated", "☃.created", "order.created\\n",
            "ORDER.CREATED", "order.\\uffff"};
        for (int i = 0; i < types.length; i++) {
            cases.add(post("unicode", "type-" + i, HostileBodies.order("x-uni" + i).replace("order.created", types[i])));
        }
        cases.add(post("unicode", "customer-lone-surrogate", HostileBodies.order("x-uni-s").replace("\"customerId\":\"cust-x\"",
                "\"customerId\":\"\\ud800\",\"priority\":\"urgent\"")));
    }

    private static void methodsAndPaths(List<HostileCase> cases) {
        for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD"}) {
            cases.add(request("method", method, method, "/v1/events", body("x-m-" + method), "application/json"));
        }
        for (String method : new String[] {"FOO", "post", "P0ST", "CONNECT"}) {
            cases.add(request("method", method, method, "/v1/events", invalid("x-m-" + method), "application/json").malformedHttp());
        }
        String[] paths = {"/v1/events/x", "/V1/EVENTS", "/v1/events%2Fx", "/v2/events", "/", "/observe/health",
            "/v1/events%00", "/v1/event", "/v1/eventsx", "/%2e%2e/%2e%2e/etc/passwd", "/v1/events/../../x",
            "/v1/%F0%9F%92%A9", "/v1/%FF%FE", "/v1/events.json", "/v1;/events", "/api/v1/events"};
        for (int i = 0; i < paths.length; i++) {
            cases.add(request("path", "path-" + i, "POST", paths[i], body("x-p" + i), "application/json"));
        }
        String[] badTargets = {"*", "v1/events", "/" + "p".repeat(5_000), "/v1/" + "%41".repeat(2_000), "/v1/events HTTP/1.1 extra", "/" + "l".repeat(70_000), "/v1/ev ents",
            "/v1/events#frag", latin1("/v1/événements")};
        for (int i = 0; i < badTargets.length; i++) {
            cases.add(request("path", "target-" + i, "POST", badTargets[i], invalid("x-pt" + i), "application/json").malformedHttp());
        }
        cases.add(HostileCase.raw("method", "http-0.9", "GET /v1/events", new byte[0]));
        cases.add(HostileCase.raw("http-version", "http-2.0-line", "POST /v1/events HTTP/2.0\r\nHost: 127.0.0.1\r\nContent-Length: 0", new byte[0]));
        cases.add(HostileCase.raw("http-version", "http-3.1-line", "POST /v1/events HTTP/3.1\r\nHost: 127.0.0.1\r\nContent-Length: 0", new byte[0]));
        cases.add(HostileCase.raw("method", "http-1.0-no-host", "POST /v1/events HTTP/1.0\r\nContent-Type: text/plain\r\nContent-Length: 2", "{}".getBytes(StandardCharsets.UTF_8)));
        cases.add(HostileCase.raw("method", "garbage-line", "\u0016\u0003\u0001\u0002\u0000\u0001", new byte[0]));
    }

    /** UTF-8 bytes carried in a string that is written as ISO-8859-1, i.e. raw UTF-8 on the wire. */
    static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
