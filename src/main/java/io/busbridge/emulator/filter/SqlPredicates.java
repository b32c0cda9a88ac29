package io.busbridge.emulator.filter;

import java.util.List;
import java.util.regex.Pattern;

/** Condition nodes. Each returns TRUE, FALSE or {@code null} for unknown, following SQL's three-valued logic. */
final class SqlPredicates {

    private SqlPredicates() {
    }

    /**
     * AND ({@code decisive} FALSE) and OR ({@code decisive} TRUE): an operand equal to {@code decisive} settles the
     * result even when the other is unknown; otherwise any unknown operand makes the result unknown.
     */
    record Junction(boolean decisive, SqlNode left, SqlNode right) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            Boolean a = SqlValues.asCondition(left.evaluate(message));
            if (a != null && a == decisive) {
                return decisive;
            }
            Boolean b = SqlValues.asCondition(right.evaluate(message));
            if (b != null && b == decisive) {
                return decisive;
            }
            return a == null || b == null ? null : !decisive;
        }
    }

    record Not(SqlNode operand) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            return negate(SqlValues.asCondition(operand.evaluate(message)), true);
        }
    }

    /** {@code = <> != < <= > >=}; unknown when a side is NULL or the types do not compare. */
    record Comparison(String operator, SqlNode left, SqlNode right) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            Integer order = SqlValues.compare(left.evaluate(message), right.evaluate(message));
            if (order == null) {
                return null;
            }
            return switch (operator) {
                case "=" -> order == 0;
                case "<>", "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> throw new IllegalStateException("not a comparison: " + operator);
            };
        }
    }

    /** {@code x [NOT] IN (a, b, ...)}: as {@code x = a OR x = b ...}, so a NULL candidate can make it unknown. */
    record In(SqlNode value, List<SqlNode> candidates, boolean negated) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            Object actual = value.evaluate(message);
            if (actual == null) {
                return null;
            }
            boolean unknown = false;
            for (SqlNode candidate : candidates) {
                Boolean equal = SqlValues.equal(actual, candidate.evaluate(message));
                if (Boolean.TRUE.equals(equal)) {
                    return !negated;
                }
                unknown |= equal == null;
            }
            return unknown ? null : negated;
        }
    }

    /** {@code x [NOT] LIKE 'pattern'}: the pattern is compiled once, at parse time; non-strings are unknown. */
    record Like(SqlNode value, Pattern pattern, boolean negated) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            if (!(SqlValues.normalize(value.evaluate(message)) instanceof String text)) {
                return null;
            }
            return negate(pattern.matcher(text).matches(), negated);
        }
    }

    /** {@code x IS [NOT] NULL}: never unknown; a missing property is NULL. */
    record IsNull(SqlNode value, boolean negated) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            return (value.evaluate(message) == null) != negated;
        }
    }

    record Exists(SqlProperty property) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            return property.existsIn(message);
        }
    }

    private static Boolean negate(Boolean condition, boolean negated) {
        return condition == null ? null : condition != negated;
    }
}
