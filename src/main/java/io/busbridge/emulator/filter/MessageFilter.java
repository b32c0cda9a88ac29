package io.busbridge.emulator.filter;

/** Stub until the emu-rules branch lands: only "amount >= N"-style comparisons for the shipped example. */
public interface MessageFilter {
    MessageFilter TRUE = m -> true;

    boolean matches(FilterContext message);

    static MessageFilter sql(String expression) {
        String[] parts = expression.trim().split("\\s*>=\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("unsupported SQL filter (stub): " + expression);
        }
        double bound = Double.parseDouble(parts[1]);
        return m -> m.userProperties().get(parts[0]) instanceof Number n && n.doubleValue() >= bound;
    }

    static MessageFilter correlation(CorrelationFilterSpec spec) {
        return m -> spec.correlationId() == null || spec.correlationId().equals(m.systemProperty("CorrelationId"));
    }
}
