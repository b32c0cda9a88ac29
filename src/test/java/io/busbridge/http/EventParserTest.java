package io.busbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

    private final EventParser parser = new EventParser(4, 20, 10);

    @Test
    void parsesAnEventObject() {
        assertThat(parser.parse(bytes("{\"type\":\"order.created\",\"n\":1}")).get("type").asText())
                .isEqualTo("order.created");
    }

    @Test
    void readsATopLevelMemberAsTextForTheRoutes() {
        var event = parser.parse(bytes("{\"type\":\"order.created\",\"priority\":\"high\"}"));
        assertThat(new EventMember("type").of(event)).isEqualTo("order.created");
        assertThat(new EventMember("priority").of(event)).isEqualTo("high");
        assertThat(new EventMember("absent").of(event)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{\"type\":",
        "[1,2]",
        "\"order.created\"",
        "{\"id\":1}",
        "{\"type\":42}",
        "{\"type\":\"\"}",
        "{\"type\":\"a\",\"type\":\"b\"}",
        "{\"type\":\"a\"} {\"type\":\"b\"}",
        "{\"type\":\"a\",\"x\":{\"y\":{\"z\":{\"w\":{}}}}}",
        "{\"type\":\"a\",\"x\":\"123456789012345678901\"}",
        "{\"type\":\"a\",\"x\":12345678901}",
    })
    void refusesWhatIsNotABoundedEventObject(String body) {
        assertThatThrownBy(() -> parser.parse(bytes(body)))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().slug()).isEqualTo("malformed-json");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"a\"",
        "{\"type\":\"a\"} {\"type\":\"b\"}",
        "{\"type\":\"a\",\"x\":{\"y\":{\"z\":{\"w\":{}}}}}",
        "{\"type\":\"a\",\"x\":\"123456789012345678901\"}",
        "{\"type\":\"a\",\"x\":12345678901}",
    })
    void detailSaysWhatIsWrongWithoutJacksonInternals(String body) {
        assertThatThrownBy(() -> parser.parse(bytes(body)))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.problem().detail())
                        .startsWith("malformed JSON: ")
                        .doesNotContain("`", "Source", "REDACTED", "com.fasterxml", "StreamReadConstraints"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE"})
    void refusesJsonThatIsNotUtf8(String charset) {
        byte[] body = "{\"type\":\"order.created\"}".getBytes(java.nio.charset.Charset.forName(charset));
        assertThatThrownBy(() -> parser.parse(body))
                .isInstanceOfSatisfying(RequestRejectedException.class,
                        e -> assertThat(e.problem().detail()).contains("UTF-8"));
    }

    /** Found by bench/faults.sh: each of these used to be accepted (or ended in a 503) and published. */
    static Stream<Arguments> bodiesServiceBusCannotCarry() {
        byte[] event = bytes("{\"type\":\"a\"}");
        return Stream.of(
                Arguments.of("UTF-8 BOM", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, event)),
                Arguments.of("UTF-16 with BOM", "{\"type\":\"a\"}".getBytes(StandardCharsets.UTF_16)),
                Arguments.of("UTF-16LE", "{\"type\":\"a\"}".getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of("overlong UTF-8", concat(bytes("{\"type\":\"a\",\"x\":\""), new byte[] {(byte) 0xC0, (byte) 0x80, '"', '}'})),
                Arguments.of("UTF-8 encoded surrogate", concat(bytes("{\"type\":\"a\",\"x\":\""), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'})),
                Arguments.of("unpaired surrogate escape", bytes("{\"type\":\"a\",\"id\":\"\\ud800\"}")),
                Arguments.of("unpaired surrogate in a name", bytes("{\"type\":\"a\",\"\\udc00\":1}")),
                Arguments.of("number overflowing a double", bytes("{\"type\":\"a\",\"amount\":1e309}")),
                Arguments.of("control character in type", bytes("{\"type\":\"order.created\\n\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesServiceBusCannotCarry")
    void refusesBodiesServiceBusCannotCarry(String name, byte[] body) {
        assertThatThrownBy(() -> parser.parse(body))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void aRefusedValueIsNamedByItsPath() {
        assertThatThrownBy(() -> parser.parse(bytes("{\"type\":\"a\",\"items\":[{\"sku\":\"ok\"},{\"sku\":\"\\ud800\"}]}")))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.problem().detail())
                        .isEqualTo("the string at '/items/1/sku' contains an unpaired UTF-16 surrogate escape"));
        assertThatThrownBy(() -> parser.parse(bytes("{\"type\":\"a\",\"amount\":1e309}")))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.problem().detail())
                        .isEqualTo("the number at '/amount' is out of range"));
    }

    @Test
    void acceptsPairedSurrogatesAndFiniteNumbers() {
        assertThat(parser.parse(bytes("{\"type\":\"a\",\"s\":\"\\ud83d\\ude00 😀\",\"n\":1.5e300}")).get("n").doubleValue())
                .isEqualTo(1.5e300);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
