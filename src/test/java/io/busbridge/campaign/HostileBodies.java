package io.busbridge.campaign;

import static io.busbridge.campaign.HostileCase.post;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile request bodies: malformed and truncated JSON, BOMs and other encodings, invalid UTF-8, deep nesting,
 * huge numbers and strings, duplicate keys, oversize bodies. Each would be a valid event but for its defect,
 * and carries a MessageId starting with "x-" so that the broker audit can tell if one was published.
 */
final class HostileBodies {

    private HostileBodies() {
    }

    static String order(String id) {
        return Events.order(id, "cust-x", "normal");
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        malformed(cases);
        truncated(cases);
        encodings(cases);
        invalidUtf8(cases);
        nesting(cases);
        numbersAndStrings(cases);
        duplicateKeys(cases);
        oversize(cases);
        return cases;
    }

    private static void malformed(List<HostileCase> cases) {
        String[] bodies = {"{", "}", "[", "]", "{\"type\":", "{\"type\":\"order.created\",}", "{\"type\" \"order.created\"}",
            "{'type':'order.created'}", "{type:\"order.created\"}", "nul", "tru", "null", "true", "42", "\"order.created\"",
            "[]", "[{\"type\":\"order.created\"}]", "{}", "{\"type\":null}", "{\"type\":42}", "{\"type\":\"\"}",
            "{\"type\":[\"order.created\"]}", "{\"type\":\"order.created\"}{}", "{\"type\":\"order.created\"} x",
            "/* c */ {\"type\":\"order.created\"}", "{\"type\":\"order.created\" // c\n}", "{\"a\":NaN,\"type\":\"t\"}",
            "{\"a\":Infinity,\"type\":\"t\"}", "{\"a\":01,\"type\":\"t\"}", "{\"a\":.5,\"type\":\"t\"}",
            "{\"a\":\"\\x41\",\"type\":\"t\"}", "{\"a\":\"tab\there\",\"type\":\"t\"}", "{\"a\":\"\\uZZZZ\",\"type\":\"t\"}",
            " ", "\r\n", "{\"type\":\"order.created\",\"orderId\":\"x-m\"", "\u0000{\"type\":\"order.created\"}"};
        for (int i = 0; i < bodies.length; i++) {
            cases.add(post("malformed-json", "fragment-" + i, bodies[i]));
        }
        cases.add(post("malformed-json", "empty-body", new byte[0], "application/json"));
    }

    private static void truncated(List<HostileCase> cases) {
        String[] valid = {order("x-t0"), Events.order("x-t1", "cust-x", "high"), Events.payment("x-t2")};
        for (int v = 0; v < valid.length; v++) {
            String body = valid[v];
            for (int k = 1; k <= 14; k++) {
                int cut = body.length() * k / 15;
                cases.add(post("truncated-json", "example-" + v + "-at-" + cut, body.substring(0, cut)));
            }
        }
    }

    private static void encodings(List<HostileCase> cases) {
        String body = order("x-bom");
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        cases.add(post("bom", "utf8-bom", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8), "application/json"));
        cases.add(post("bom", "utf8-bom-twice", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF,
            (byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8), "application/json"));
        cases.add(post("bom", "utf16be-bom", body.getBytes(StandardCharsets.UTF_16), "application/json"));
        cases.add(post("bom", "utf16le-bom", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                body.getBytes(StandardCharsets.UTF_16LE)), "application/json"));
        cases.add(post("bom", "utf16le-no-bom", body.getBytes(StandardCharsets.UTF_16LE), "application/json"));
        cases.add(post("bom", "utf16be-no-bom", body.getBytes(StandardCharsets.UTF_16BE), "application/json"));
        cases.add(post("bom", "utf32be", body.getBytes(Charset.forName("UTF-32BE")), "application/json"));
        cases.add(post("bom", "utf32le-bom", concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0},
                body.getBytes(Charset.forName("UTF-32LE"))), "application/json"));
    }

    private static void invalidUtf8(List<HostileCase> cases) {
        int[][] sequences = {{0xFF}, {0xFE}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xED, 0xA0, 0x80},
            {0xED, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF8, 0x88, 0x80, 0x80, 0x80}, {0x80}, {0xBF},
            {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xF0, 0x80, 0x80, 0xAF}};
        for (int i = 0; i < sequences.length; i++) {
            byte[] bad = new byte[sequences[i].length];
            for (int j = 0; j < bad.length; j++) {
                bad[j] = (byte) sequences[i][j];
            }
            String[] parts = order("x-u8-" + i + "-@").split("@");
            byte[] body = concat(concat(parts[0].getBytes(StandardCharsets.UTF_8), bad), parts[1].getBytes(StandardCharsets.UTF_8));
            cases.add(post("invalid-utf8", "sequence-" + i, body, "application/json"));
        }
    }

    private static void nesting(List<HostileCase> cases) {
        cases.add(post("deep-nesting", "arrays-100000", "[".repeat(100_000) + "]".repeat(100_000)));
        cases.add(post("deep-nesting", "open-arrays-100000", "[".repeat(100_000)));
        cases.add(post("deep-nesting", "objects-100000", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)));
        cases.add(post("deep-nesting", "in-event-100000", order("x-deep").replace("\"total\":12.5",
                "\"total\":12.5,\"x\":" + "[".repeat(100_000) + "]".repeat(100_000))));
        cases.add(post("deep-nesting", "mixed-50000", "[{\"a\":".repeat(25_000) + "1" + "}]".repeat(25_000)));
        cases.add(post("deep-nesting", "just-over-limit", order("x-deep33").replace("\"total\":12.5",
                "\"total\":12.5,\"x\":" + "[".repeat(40) + "]".repeat(40))));
    }

    private static void numbersAndStrings(List<HostileCase> cases) {
        String[] amounts = {"1e999999", "-1e999999", "1e309", "1.8e308", "1" + "0".repeat(70), "9".repeat(1000),
            "0." + "0".repeat(100) + "1", "123456789012345678901234567890123456789012345678901234567890123456789"};
        for (int i = 0; i < amounts.length; i++) {
            cases.add(post("huge-number", "amount-" + i, Events.payment("x-n" + i).replace("42.5", amounts[i])));
        }
        cases.add(post("huge-number", "quantity-overflow", order("x-q").replace("\"quantity\":1", "\"quantity\":1e400")));
        cases.add(post("huge-string", "type-200", "{\"type\":\"order." + "a".repeat(200) + "\"}"));
        cases.add(post("huge-string", "type-70000", "{\"type\":\"order." + "a".repeat(70_000) + "\"}"));
        cases.add(post("huge-string", "order-id-129", order("x-" + "i".repeat(127))));
        cases.add(post("huge-string", "order-id-70000", order("x-" + "i".repeat(70_000))));
        cases.add(post("huge-string", "customer-200k", Events.order("x-c", "c".repeat(200_000), "normal")));
        cases.add(post("huge-string", "member-name-70000", order("x-name").replace("\"total\"", "\"" + "k".repeat(70_000) + "\":1,\"total\"")));
        cases.add(post("huge-string", "escapes-60000", order("x-esc").replace("\"total\"", "\"n\":\"" + "\\u0041".repeat(20_000) + "\",\"total\"").replace("\"customerId\":\"cust-x\"", "\"customerId\":\"" + "c".repeat(129) + "\"")));
    }

    private static void duplicateKeys(List<HostileCase> cases) {
        String base = order("x-dup");
        cases.add(post("duplicate-keys", "type-twice-same", base.replace("{\"type\":\"order.created\",", "{\"type\":\"order.created\",\"type\":\"order.created\",")));
        cases.add(post("duplicate-keys", "type-order-then-payment", base.replace("{\"type\":\"order.created\",", "{\"type\":\"order.created\",\"type\":\"payment.captured\",")));
        cases.add(post("duplicate-keys", "type-unknown-then-order", base.replace("{\"type\":\"order.created\",", "{\"type\":\"other.thing\",\"type\":\"order.created\",")));
        cases.add(post("duplicate-keys", "priority-twice", base.replace("\"priority\":\"normal\"", "\"priority\":\"normal\",\"priority\":\"high\"")));
        cases.add(post("duplicate-keys", "customer-twice", base.replace("\"customerId\":\"cust-x\"", "\"customerId\":\"a\",\"customerId\":\"b\"")));
        cases.add(post("duplicate-keys", "nested-sku-twice", base.replace("\"sku\":\"sku-1\"", "\"sku\":\"a\",\"sku\":\"b\"")));
        cases.add(post("duplicate-keys", "amount-twice", Events.payment("x-dupp").replace("\"amount\":42.5", "\"amount\":1,\"amount\":5000")));
    }

    private static void oversize(List<HostileCase> cases) {
        for (int size : new int[] {262_145, 1_048_576, 8_388_608}) {
            String body = order("x-big").replace("\"total\"", "\"pad\":\"" + "p".repeat(size) + "\",\"total\"");
            cases.add(post("oversize", "body-" + size, body));
        }
        byte[] chunked = chunked(order("x-chunk").replace("\"total\"", "\"pad\":\"" + "p".repeat(400_000) + "\",\"total\""));
        cases.add(HostileCase.raw("oversize", "chunked-400k", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close", chunked));
        cases.add(HostileCase.raw("oversize", "content-length-huge", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 99999999999\r\nConnection: close", order("x-cl").getBytes(StandardCharsets.UTF_8)).stalled());
        cases.add(HostileCase.raw("oversize", "content-length-negative", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: -1\r\nConnection: close", order("x-cln").getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] chunked(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 8192) {
            int n = Math.min(8192, bytes.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
