package io.busbridge.emulator.filter;

/** Value-producing nodes: constants and arithmetic. */
final class SqlTerms {

    private SqlTerms() {
    }

    /** A constant: Long, Double, String, Boolean or NULL. Only TRUE, FALSE and NULL may stand as a condition. */
    record Literal(Object value) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            return value;
        }

        @Override
        public boolean isCondition() {
            return value == null || value instanceof Boolean;
        }
    }

    record Negate(SqlNode operand) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            return SqlValues.negate(operand.evaluate(message));
        }

        @Override
        public boolean isCondition() {
            return false;
        }
    }

    record Arithmetic(char operator, SqlNode left, SqlNode right) implements SqlNode {
        @Override
        public Object evaluate(FilterContext message) {
            return SqlValues.arithmetic(operator, left.evaluate(message), right.evaluate(message));
        }

        @Override
        public boolean isCondition() {
            return false;
        }
    }
}
