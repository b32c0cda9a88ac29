package io.busbridge.emulator.filter;

import java.math.BigDecimal;

/**
 * Value rules shared by SQL and correlation filters. Service Bus binds operators as C# does: integers widen to
 * 64 bits, an integer meets a floating-point number as a double. Values of types that do not meet (a string
 * and a number, say) compare as unknown rather than failing, so such a message simply does not match.
 */
final class SqlValues {

    private SqlValues() {
    }

    /** @return TRUE, FALSE, or {@code null} when either side is NULL or the types do not compare */
    static Boolean equal(Object left, Object right) {
        Integer order = compare(left, right);
        return order == null ? null : order == 0;
    }

    /** @return the sign of left − right, or {@code null} when either side is NULL or the types do not compare */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Integer compare(Object left, Object right) {
        Object a = normalize(left);
        Object b = normalize(right);
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return isIntegral(x) && isIntegral(y)
                    ? Long.compare(x.longValue(), y.longValue())
                    : Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
            return Integer.signum(comparable.compareTo(b));
        }
        return null;
    }

    /** Arithmetic on two values: {@code + - * / %}; {@code +} also joins strings. Unknown on NULL, mismatch, ÷0. */
    static Object arithmetic(char operator, Object left, Object right) {
        Object a = normalize(left);
        Object b = normalize(right);
        if (operator == '+' && a instanceof String x && b instanceof String y) {
            return x + y;
        }
        if (!(a instanceof Number x) || !(b instanceof Number y)) {
            return null;
        }
        if (isIntegral(x) && isIntegral(y)) {
            return integerArithmetic(operator, x.longValue(), y.longValue());
        }
        return doubleArithmetic(operator, x.doubleValue(), y.doubleValue());
    }

    static Object negate(Object value) {
        if (!(value instanceof Number number)) {
            return null;
        }
        return isIntegral(number) ? (Object) (-number.longValue()) : (Object) (-number.doubleValue());
    }

    /** Only a Boolean is a truth value; anything else (NULL, a number) in a condition is unknown. */
    static Boolean asCondition(Object value) {
        return value instanceof Boolean condition ? condition : null;
    }

    /** A single character (AMQP char) behaves as a one-letter string. */
    static Object normalize(Object value) {
        return value instanceof Character c ? String.valueOf(c) : value;
    }

    private static Long integerArithmetic(char operator, long a, long b) {
        return switch (operator) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> b == 0 ? null : a / b;
            case '%' -> b == 0 ? null : a % b;
            default -> throw new IllegalArgumentException("not an arithmetic operator: " + operator);
        };
    }

    private static Double doubleArithmetic(char operator, double a, double b) {
        return switch (operator) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> a / b;
            case '%' -> a % b;
            default -> throw new IllegalArgumentException("not an arithmetic operator: " + operator);
        };
    }

    // AMQP's unsigned types and Java's boxed integers all count as integers; decimals compare as doubles.
    private static boolean isIntegral(Number number) {
        return !(number instanceof Double || number instanceof Float || number instanceof BigDecimal);
    }
}
