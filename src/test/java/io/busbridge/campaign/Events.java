package io.busbridge.campaign;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Well-formed events for the shipped routes, each with a unique Idempotency-Key (which becomes the MessageId):
 * orders (session queue, a few customers), high-priority orders (orders-express) and payments (topic). Payments
 * stay below 1000 so only the 'ledger' subscription receives them.
 */
final class Events {

    static final String[] CUSTOMERS = {"cust-c0", "cust-c1", "cust-c2", "cust-c3"};

    /** One request: key, body and the entity it must land in. */
    record Event(String key, String body, String entity) {
    }

    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    Events(String prefix) {
        this.prefix = prefix;
    }

    Event next() {
        long n = next.getAndIncrement();
        String key = prefix + "-" + n;
        return switch ((int) (n % 3)) {
            case 0 -> new Event(key, order(key, CUSTOMERS[(int) (n / 3 % CUSTOMERS.length)], "normal"), "orders");
            case 1 -> new Event(key, order(key, "cust-x", "high"), "orders-express");
            default -> new Event(key, payment(key), "payments");
        };
    }

    /** The entity a key of this class was sent to, e.g. "f-7" went to orders-express. */
    static String entityOf(String key) {
        long n = Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
        return switch ((int) (n % 3)) {
            case 0 -> "orders";
            case 1 -> "orders-express";
            default -> "payments";
        };
    }

    static String order(String id, String customer, String priority) {
        return "{\"type\":\"order.created\",\"orderId\":\"" + id + "\",\"customerId\":\"" + customer
                + "\",\"priority\":\"" + priority + "\",\"items\":[{\"sku\":\"sku-1\",\"quantity\":1}],\"total\":12.5}";
    }

    static String payment(String id) {
        return "{\"type\":\"payment.captured\",\"paymentId\":\"" + id + "\",\"amount\":42.5,\"currency\":\"EUR\"}";
    }
}
