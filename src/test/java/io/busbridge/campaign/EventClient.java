package io.busbridge.campaign;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A well-behaved caller of POST /v1/events: retries every non-202 with the same Idempotency-Key until it gets a
 * 202, and records in the {@link Ledger} every answer, checking that each non-202 keeps the contract
 * (503 with Retry-After, or an application/problem+json document).
 */
final class EventClient implements AutoCloseable {

    /** Pause between attempts; Retry-After is checked for presence but not slept, to keep the campaign short. */
    private static final long RETRY_PAUSE_MS = 250;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /**
     * Bursts go through Vert.x's client, on its own event loops: the JDK client, with one selector thread for every
     * connection, answered about 2,500 requests a second at 1,024 in flight and queued each for ~0.4 s itself.
     */
    private final Vertx vertx = Vertx.vertx();
    private final io.vertx.core.http.HttpClient burst = vertx.createHttpClient(new HttpClientOptions()
            .setConnectTimeout(5_000).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(OverloadDrill.MAX_IN_FLIGHT));
    private final Ledger ledger;
    private volatile URI events;
    /** During a planned bridge restart, refused connections are expected, not a violation. */
    private volatile boolean restarting;

    EventClient(Ledger ledger, int port) {
        this.ledger = ledger;
        target(port);
    }

    void target(int port) {
        events = URI.create("http://127.0.0.1:" + port + "/v1/events");
    }

    void restarting(boolean value) {
        restarting = value;
    }

    /** Stops the burst client's event loops. */
    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Posts until 202 or until {@code giveUp} has passed; returns whether it was accepted. */
    boolean deliver(Events.Event event, Duration giveUp) throws InterruptedException {
        long deadline = System.nanoTime() + giveUp.toNanos();
        while (true) {
            if (attempt(event)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                ledger.gaveUp();
                ledger.violation("gave up on " + event.key() + " after " + giveUp.toSeconds() + " s without a 202");
                return false;
            }
            Thread.sleep(RETRY_PAUSE_MS);
        }
    }

    /** One POST; records its answer and returns whether it was a 202. */
    boolean attempt(Events.Event event) throws InterruptedException {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request(event), HttpResponse.BodyHandlers.ofString());
            return record(event, sent, answer);
        } catch (HttpTimeoutException e) {
            ledger.count("timeout");
            ledger.violation("no answer within " + ANSWER_TIMEOUT.toSeconds() + " s for " + event.key());
        } catch (IOException e) {
            ledger.count("io-error");
            if (!restarting) {
                ledger.violation("connection failed for " + event.key() + ": " + e);
            }
        }
        return false;
    }

    /** A single attempt without waiting, for bursts; the answer is recorded like any other. */
    CompletableFuture<Boolean> attemptAsync(Events.Event event) {
        long sent = System.nanoTime();
        RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(events.toString())
                .setTimeout(ANSWER_TIMEOUT.toMillis())
                .putHeader("Content-Type", "application/json").putHeader("Idempotency-Key", event.key());
        return burst.request(post)
                .compose(request -> request.send(event.body()))
                .compose(response -> response.body().map(body -> record(event, sent, response.statusCode(),
                        response.getHeader("Retry-After"), response.getHeader("Content-Type"), body.toString())))
                .otherwise(error -> {
                    ledger.count(error instanceof TimeoutException ? "timeout" : "io-error");
                    return false;
                })
                .toCompletionStage().toCompletableFuture();
    }

    private HttpRequest request(Events.Event event) {
        return HttpRequest.newBuilder(events)
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", event.key())
                .POST(HttpRequest.BodyPublishers.ofString(event.body()))
                .build();
    }

    private boolean record(Events.Event event, long sent, HttpResponse<String> answer) {
        return record(event, sent, answer.statusCode(), answer.headers().firstValue("Retry-After").orElse(null),
                answer.headers().firstValue("Content-Type").orElse(null), answer.body());
    }

    private boolean record(Events.Event event, long sent, int status, String retryAfter, String contentType,
                           String body) {
        if (status == 202) {
            if (!body.contains("\"messageId\":\"" + event.key() + "\"")) {
                ledger.violation("202 for " + event.key() + " names another message: " + body);
            }
            ledger.accepted(event.key(), sent, System.nanoTime());
            return true;
        }
        ledger.count(String.valueOf(status));
        boolean problem = contentType != null && contentType.startsWith("application/problem+json");
        if (!(status == 503 && retryAfter != null) && !problem) {
            ledger.violation("answer " + status + " for " + event.key() + " is neither 503+Retry-After nor problem+json");
        }
        if (status < 500 && status != 429) {
            ledger.violation("well-formed event " + event.key() + " refused with " + status + ": " + body);
        }
        return false;
    }
}
