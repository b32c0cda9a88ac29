package io.busbridge.emulator.filter;

import static io.busbridge.emulator.filter.TestMessage.withSystem;
import static io.busbridge.emulator.filter.TestMessage.withUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlFilterTest {

    private static final TestMessage ORDER = withUser(
            "color", "red", "size", 5, "weight", 2.5d, "count", 7L, "express", true, "note", null, "my prop", "x");

    private static boolean matches(String expression, FilterContext message) {
        return MessageFilter.sql(expression).matches(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            size = 5   | true
            size = 6   | false
            size <> 6  | true
            size <> 5  | false
            size != 6  | true
            size != 5  | false
            size < 6   | true
            size < 5   | false
            size <= 5  | true
            size <= 4  | false
            size > 4   | true
            size > 5   | false
            size >= 5  | true
            size >= 6  | false
            color = 'red'  | true
            color = 'RED'  | false
            color < 'sea'  | true
            express = TRUE | true
            express        | true
            express = FALSE | false
            """)
    void comparesWithEveryOperator(String expression, boolean expected) {
        assertThat(matches(expression, ORDER)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "size = 5.0", "size = count - 2", "weight > size / 3", "weight = 2.5", "weight < 3", "count > weight",
        "size = 5E0", "1.5E3 = 1500"})
    void comparesNumbersAcrossIntLongAndDouble(String expression) {
        assertThat(matches(expression, ORDER)).isTrue();
    }

    @Test
    void comparesAmqpUnsignedAndCharValuesByValue() {
        TestMessage amqp = withUser("priority", UnsignedInteger.valueOf(3), "grade", 'A');
        assertThat(matches("priority = 3 AND priority > 2.5", amqp)).isTrue();
        assertThat(matches("grade = 'A' AND grade LIKE 'A'", amqp)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "size + 2 = 7", "size - 7 = -2", "size * 2 = 10", "count / 2 = 3", "count % 4 = 3", "weight * 2 = 5",
        "weight / 2 = 1.25", "-size = -5", "- -size = 5", "+size = 5", "2 + 3 * 4 = 14", "(2 + 3) * 4 = 20",
        "10 - 4 - 3 = 3", "12 / 2 / 3 = 2", "7 % 4 * 2 = 6", "-2 * -3 = 6", "color + 'dish' = 'reddish'"})
    void evaluatesArithmeticWithPrecedence(String expression) {
        assertThat(matches(expression, ORDER)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            TRUE OR FALSE AND FALSE          | true
            (TRUE OR FALSE) AND FALSE        | false
            NOT FALSE AND FALSE              | false
            NOT (FALSE AND FALSE)            | true
            NOT size = 6                     | true
            NOT NOT size = 5                 | true
            size = 5 AND color = 'red'       | true
            size = 5 AND color = 'blue'      | false
            size = 6 OR color = 'red'        | true
            size = 6 OR color = 'blue'       | false
            size = 6 OR size = 7 OR size = 5 | true
            """)
    void combinesConditionsWithPrecedence(String expression, boolean expected) {
        assertThat(matches(expression, ORDER)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1 = 1   | true
            1 = 0   | false
            TRUE    | true
            true    | true
            FALSE   | false
            NULL    | false
            """)
    void evaluatesConstants(String expression, boolean expected) {
        assertThat(matches(expression, withUser())).isEqualTo(expected);
    }

    @Test
    void readsDoubledQuotesInStrings() {
        assertThat(matches("'it''s' = 'it' + '''s'", withUser())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            color IN ('blue', 'red')       | true
            color IN ('blue', 'green')     | false
            color NOT IN ('blue', 'green') | true
            color NOT IN ('blue', 'red')   | false
            size IN (4, 5.0, 6)            | true
            size IN (1 + 4)                | true
            missing IN ('a', 'b')          | false
            missing NOT IN ('a', 'b')      | false
            color IN ('blue', missing)     | false
            color NOT IN ('blue', missing) | false
            color IN ('red', missing)      | true
            """)
    void testsMembershipWithIn(String expression, boolean expected) {
        assertThat(matches(expression, ORDER)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            text LIKE 'a%'                    | true
            text LIKE '%c.d'                  | true
            text LIKE 'a_c.d'                 | false
            text LIKE 'a__.d'                 | false
            text LIKE '_%'                    | true
            text LIKE 'A%'                    | false
            text NOT LIKE 'x%'                | true
            text NOT LIKE 'a%'                | false
            text LIKE 'a%.*'                  | false
            code LIKE '100!%' ESCAPE '!'      | true
            code LIKE '100!%!_' ESCAPE '!'    | false
            code LIKE '1_0%'                  | true
            code LIKE '100\\%' ESCAPE '\\'    | true
            missing LIKE '%'                  | false
            missing NOT LIKE '%'              | false
            size LIKE '5'                     | false
            """)
    void matchesPatternsWithLike(String expression, boolean expected) {
        TestMessage message = withUser("text", "ab%c.d", "code", "100%", "size", 5);
        assertThat(matches(expression, message)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            missing IS NULL              | true
            missing IS NOT NULL          | false
            note IS NULL                 | true
            color IS NULL                | false
            color IS NOT NULL            | true
            EXISTS (color)               | true
            EXISTS (note)                | true
            EXISTS (missing)             | false
            NOT EXISTS (missing)         | true
            exists(user.color)           | true
            sys.Label IS NULL            | true
            EXISTS (sys.Label)           | false
            EXISTS (sys.MessageId)       | true
            sys.MessageId IS NOT NULL    | true
            """)
    void testsPresenceWithIsNullAndExists(String expression, boolean expected) {
        TestMessage message = new TestMessage(Map.of("MessageId", "m-1"), ORDER.user());
        assertThat(matches(expression, message)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "missing = 'x'", "missing <> 'x'", "NOT missing = 'x'", "missing > 1", "missing + 1 = 1", "-missing = 0",
        "missing = 1 AND TRUE", "NOT (missing = 1 AND TRUE)", "missing = 1 OR FALSE", "missing = NULL",
        "NULL = NULL", "size = '5'", "size <> '5'", "color > 1", "express = 1", "size / 0 = 1",
        "NOT size % 0 = 1", "size", "NOT color"})
    void leavesUnknownConditionsUnmatched(String expression) {
        assertThat(matches(expression, ORDER)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "missing = 1 OR TRUE", "NOT (missing = 1 AND FALSE)", "NOT (size = 1 AND missing = 1)",
        "missing IS NULL OR missing = 1"})
    void resolvesUnknownWhenTheOtherSideDecides(String expression) {
        assertThat(matches(expression, ORDER)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sys.Label = 'invoice'", "sys.label = 'invoice'", "SYS.LABEL = 'invoice'", "[sys].[Label] = 'invoice'",
        "sys.[Label] = 'invoice'", "sys.SequenceNumber > 10", "sys.SequenceNumber = 42.0",
        "sys.CorrelationId LIKE 'order-%'", "sys.MessageId = '6f1c0b4e-0000-4000-8000-000000000001'",
        "sys.DeliveryCount IS NULL", "Label IS NULL"})
    void readsSystemPropertiesUnderSys(String expression) {
        TestMessage message = withSystem("Label", "invoice", "SequenceNumber", 42L, "CorrelationId", "order-7",
                "MessageId", UUID.fromString("6f1c0b4e-0000-4000-8000-000000000001").toString());
        assertThat(matches(expression, message)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "user.color = 'red'", "USER.color = 'red'", "[user].[color] = 'red'", "[my prop] = 'x'",
        "\"my prop\" = 'x'", "user.[my prop] = 'x'", "[AND] = 1", "color = 'red' and not [my prop] = 'y'"})
    void readsUserPropertiesQualifiedBareOrQuoted(String expression) {
        TestMessage message = new TestMessage(Map.of(), Map.of("color", "red", "my prop", "x", "AND", 1));
        assertThat(matches(expression, message)).isTrue();
    }

    @Test
    void userPropertyNamesAreCaseSensitive() {
        assertThat(matches("Color = 'red'", ORDER)).isFalse();
    }

    @Test
    void oneParsedFilterEvaluatesManyMessages() {
        MessageFilter filter = MessageFilter.sql("sys.Label = 'invoice' AND amount >= 100");
        assertThat(filter.matches(new TestMessage(Map.of("Label", "invoice"), Map.of("amount", 150)))).isTrue();
        assertThat(filter.matches(new TestMessage(Map.of("Label", "invoice"), Map.of("amount", 99)))).isFalse();
        assertThat(filter.matches(new TestMessage(Map.of("Label", "receipt"), Map.of("amount", 150)))).isFalse();
        assertThat(filter.matches(new TestMessage(Map.of(), Map.of()))).isFalse();
        assertThat(filter).hasToString("SqlFilter[sys.Label = 'invoice' AND amount >= 100]");
    }

    @Test
    void trueFilterMatchesEverything() {
        assertThat(MessageFilter.TRUE.matches(withUser())).isTrue();
    }
}
