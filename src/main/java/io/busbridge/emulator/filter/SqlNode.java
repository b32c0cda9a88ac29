package io.busbridge.emulator.filter;

/**
 * A node of a parsed SQL filter. {@code evaluate} returns the node's value for one message; {@code null} stands
 * for SQL's NULL and for "unknown" alike (three-valued logic), conditions return {@link Boolean}.
 */
interface SqlNode {

    Object evaluate(FilterContext message);

    /** Whether the node can stand where a condition is expected (AND, OR, NOT, the whole filter). */
    default boolean isCondition() {
        return true;
    }
}
