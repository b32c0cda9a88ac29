package io.busbridge.campaign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Phase 3: the hostile corpus, written on raw sockets while well-formed callers keep posting. Every answer must
 * be a 4xx (application/problem+json unless the HTTP layer itself refused malformed HTTP), never a 2xx or 5xx;
 * nothing hostile may reach Service Bus; the bridge must stay up and the parallel callers must all get 202s.
 */
final class HostileDrill {

    private static final int READ_TIMEOUT_MS = 15_000;
    private static final int STALL_MS = 3_000;
    private static final List<String> COUNTED = List.of("orders", "orders-express", "payments/subscriptions/ledger",
            "busbridge-deadletter");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stage stage;
    private final BridgeProcess bridge;
    private final AtomicInteger fiveHundreds = new AtomicInteger();
    private final Map<String, Integer> byFamily = new TreeMap<>();
    private final Map<String, AtomicInteger> outcomes = new java.util.concurrent.ConcurrentHashMap<>();

    HostileDrill(Stage stage, BridgeProcess bridge) {
        this.stage = stage;
        this.bridge = bridge;
    }

    /** @return how many hostile requests were answered with a 5xx */
    int run() throws Exception {
        List<HostileCase> cases = new ArrayList<>(HostileBodies.all());
        cases.addAll(HostileRequests.all());
        cases.forEach(c -> byFamily.merge(c.family(), 1, Integer::sum));
        long storedBefore = stored();
        long refusalsBefore = stage.ledger().refusals();
        Events background = new Events("b");
        ExecutorService slowLane = Executors.newFixedThreadPool(24);
        try (SteadyLoad load = SteadyLoad.paced(stage.client(), background, 4, 40)) {
            List<Future<?>> slow = new ArrayList<>();
            for (HostileCase c : cases) {
                if (c.pauseMillis() > 0 || c.stall()) {
                    slow.add(slowLane.submit(() -> send(c)));
                } else {
                    send(c);
                }
            }
            for (Future<?> f : slow) {
                f.get();
            }
        } finally {
            slowLane.shutdownNow();
        }
        long backgroundAccepted = stage.ledger().acceptedKeys().stream().filter(k -> k.startsWith("b-")).count();
        long published = stored() - storedBefore - backgroundAccepted;
        long backgroundRefusals = stage.ledger().refusals() - refusalsBefore;
        Report report = stage.report();
        report.figure("hostile cases=%d families=%s", cases.size(), byFamily);
        report.figure("hostile outcomes %s", new TreeMap<>(outcomes));
        report.figure("hostile 5xx=%d published=%d; parallel well-formed: accepted=%d refused=%d",
                fiveHundreds.get(), published, backgroundAccepted, backgroundRefusals);
        report.check(cases.size() >= 200, "the hostile corpus has only %d cases", cases.size());
        report.check(published == 0, "%d hostile requests were published to Service Bus", published);
        report.check(backgroundRefusals == 0, "%d well-formed requests were refused during the hostile phase",
                backgroundRefusals);
        report.check(bridge.alive(), "the bridge died during the hostile phase");
        return fiveHundreds.get();
    }

    private long stored() {
        return COUNTED.stream().mapToLong(e -> {
            var s = stage.emulator().stats(e);
            return s.activeMessageCount() + s.scheduledMessageCount();
        }).sum();
    }

    private void send(HostileCase c) {
        String outcome;
        try (Socket socket = new Socket("127.0.0.1", bridge.port())) {
            socket.setSoTimeout(c.stall() ? STALL_MS : READ_TIMEOUT_MS);
            write(socket.getOutputStream(), c);
            outcome = judge(c, read(socket.getInputStream()));
        } catch (IOException e) {
            outcome = judge(c, null);
        }
        outcomes.computeIfAbsent(c.family() + ":" + outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void write(OutputStream out, HostileCase c) throws IOException {
        byte[] bytes = c.bytes();
        int length = c.stall() ? bytes.length - Math.max(1, c.body().length / 2) : bytes.length;
        try {
            if (c.pauseMillis() == 0) {
                out.write(bytes, 0, length);
                out.flush();
                return;
            }
            int step = Math.max(1, length / 10);
            for (int i = 0; i < length; i += step) {
                out.write(bytes, i, Math.min(step, length - i));
                out.flush();
                Thread.sleep(c.pauseMillis());
            }
        } catch (IOException e) {
            // the server may answer and close before reading all of it (e.g. 413): the answer is still readable
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The raw answer, or null if the connection closed or timed out before a status line. */
    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // whatever arrived before is judged
        }
        return answer.size() == 0 ? null : answer.toByteArray();
    }

    private String judge(HostileCase c, byte[] raw) {
        if (raw == null) {
            boolean allowed = c.stall() || c.httpLayer();
            if (!allowed) {
                stage.ledger().violation("hostile " + c.family() + "/" + c.name() + ": no answer");
            }
            return allowed ? "closed" : "no-answer";
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        String[] statusLine = text.split("\r\n", 2)[0].split(" ");
        int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
        int split = text.indexOf("\r\n\r\n");
        String headers = split < 0 ? text : text.substring(0, split).toLowerCase(Locale.ROOT);
        String body = split < 0 ? "" : text.substring(split + 4);
        if (c.family().equals("http-version") && (status == 501 || status == 505)) {
            // Vert.x answers an unknown HTTP version with 501 and closes; RFC 9110 §15.6.6 mandates a 5xx (505)
            // for it, so this is the protocol's answer, reported apart from bad-input 5xx.
            return "unsupported-version-" + status;
        }
        if (status >= 500) {
            fiveHundreds.incrementAndGet();
        }
        if (status < 400 || status >= 500) {
            stage.ledger().violation("hostile " + c.family() + "/" + c.name() + ": answered " + status + " "
                    + body.substring(0, Math.min(200, body.length())));
            return String.valueOf(status);
        }
        boolean problem = headers.contains("content-type: application/problem+json") && (c.head().startsWith("HEAD ")
                || problemStatus(body) == status);
        if (!problem && !c.httpLayer()) {
            stage.ledger().violation("hostile " + c.family() + "/" + c.name() + ": " + status + " without a problem"
                    + " document: " + body.substring(0, Math.min(200, body.length())));
        }
        return status + (problem ? "" : "-plain");
    }

    private static int problemStatus(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json.path("type").isTextual() && json.path("title").isTextual() ? json.path("status").asInt() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
