package io.busbridge.emulator.filter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlFilterSyntaxTest {

    @Test
    void namesPositionWhatWasExpectedAndTheExpression() {
        assertThatThrownBy(() -> MessageFilter.sql("color = 'red' AND"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid SQL filter at position 18: expected a value, a property or '(' but found "
                        + "the end of the expression in: color = 'red' AND");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            size =                              | position 7: expected a value, a property or '(' but found the end
            (size = 1                           | position 10: expected ')' but found the end
            size = 1)                           | position 9: expected AND, OR or the end of the expression but found ')'
            size = 1 color = 2                  | position 10: expected AND, OR or the end of the expression but found 'color'
            size = 1 = 2                        | position 10: expected AND, OR or the end of the expression but found '='
            color = 'red                        | position 9: unterminated string, expected a closing '
            [color = 1                          | position 1: unterminated [name], expected a closing ]
            size # 1                            | position 6: unexpected character '#'
            size NOT 1                          | position 10: expected IN or LIKE after NOT but found '1'
            size IS 1                           | position 9: expected NULL but found '1'
            size IN 1                           | position 9: expected '(' but found '1'
            size IN ()                          | position 10: expected a value, a property or '(' but found ')'
            size IN (1 2)                       | position 12: expected ')' but found '2'
            color LIKE red                      | position 12: expected a 'pattern' after LIKE but found 'red'
            color LIKE 'r' ESCAPE '!!'          | position 23: ESCAPE takes exactly one character
            color LIKE 'r!' ESCAPE '!'          | position 12: the LIKE pattern ends with its ESCAPE character
            EXISTS color                        | position 8: expected '(' but found 'color'
            EXISTS (1)                          | position 9: expected a property name but found '1'
            1 + 2                               | position 1: expected a condition, found a plain value
            NOT 5                               | position 5: expected a condition, found a plain value
            TRUE AND 'x'                        | position 10: expected a condition, found a plain value
            'x' OR TRUE                         | position 1: expected a condition, found a plain value
            AND = 1                             | position 1: expected a value, a property or '(' but found 'AND'
            sys.Colour = 'red'                  | position 5: unknown system property sys.Colour
            app.color = 'red'                   | position 1: unknown scope 'app', expected sys or user
            sys.NULL = 1                        | position 5: expected a property name after 'sys.' but found 'NULL'
            newid() = 'x'                       | position 1: function newid() is not supported
            99999999999999999999 = 1            | position 1: integer 99999999999999999999 does not fit in 64 bits
            1E = 1                              | position 3: expected the digits of an exponent
            """)
    void rejectsBadSyntaxWithAClearMessage(String expression, String message) {
        assertThatThrownBy(() -> MessageFilter.sql(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid SQL filter at " + message);
    }

    @Test
    void rejectsAnEmptyExpression() {
        assertThatThrownBy(() -> MessageFilter.sql("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid SQL filter: the expression is empty");
        assertThatThrownBy(() -> MessageFilter.sql(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
