package io.busbridge.emulator.filter;

/** A parsed SQL filter: only a condition that is TRUE matches; FALSE and unknown do not. */
record SqlFilter(String expression, SqlNode condition) implements MessageFilter {

    @Override
    public boolean matches(FilterContext message) {
        return Boolean.TRUE.equals(condition.evaluate(message));
    }

    @Override
    public String toString() {
        return "SqlFilter[" + expression + "]";
    }
}
