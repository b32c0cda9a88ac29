package io.busbridge.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the campaign's clients were told: every Idempotency-Key that got a 202 (with when the winning attempt
 * was sent and answered), every other answer by kind, and every answer that broke the HTTP contract.
 */
final class Ledger {

    /** One 202: when its request left and when the answer came back (System.nanoTime). */
    record Ack(String key, long sentNanos, long answeredNanos) {
    }

    private final Map<String, Ack> accepted = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicLong gaveUp = new AtomicLong();

    void accepted(String key, long sentNanos, long answeredNanos) {
        Ack ack = new Ack(key, sentNanos, answeredNanos);
        if (accepted.putIfAbsent(key, ack) == null) {
            acks.add(ack);
        }
        count("202");
    }

    /** A non-202 answer (or no answer): counted by kind, e.g. "503", "io-error". */
    void count(String kind) {
        answers.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void violation(String what) {
        if (violations.size() < 1000) {
            violations.add(what);
        }
    }

    void gaveUp() {
        gaveUp.incrementAndGet();
    }

    int acceptedCount() {
        return accepted.size();
    }

    java.util.Set<String> acceptedKeys() {
        return accepted.keySet();
    }

    long gaveUpCount() {
        return gaveUp.get();
    }

    /** Every answer (or failed attempt) that was not a 202. */
    long refusals() {
        return answers.entrySet().stream().filter(e -> !e.getKey().equals("202")).mapToLong(e -> e.getValue().sum()).sum();
    }

    Map<String, Long> answerCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        answers.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    List<String> violations() {
        return new ArrayList<>(violations);
    }

    /** The first 202 whose request was sent at or after {@code fromNanos}; null if none yet. */
    Ack firstAckSentAfter(long fromNanos) {
        Ack first = null;
        for (Ack ack : acks) {
            if (ack.sentNanos() >= fromNanos && (first == null || ack.answeredNanos() < first.answeredNanos())) {
                first = ack;
            }
        }
        return first;
    }

    /** 202s answered in [from, to). */
    long acksAnsweredBetween(long fromNanos, long toNanos) {
        return acks.stream().filter(a -> a.answeredNanos() >= fromNanos && a.answeredNanos() < toNanos).count();
    }
}
