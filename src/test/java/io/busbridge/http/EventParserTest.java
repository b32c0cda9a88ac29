package io.busbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
        assertThat(parser.member(event, "type")).isEqualTo("order.created");
        assertThat(parser.member(event, "priority")).isEqualTo("high");
        assertThat(parser.member(event, "absent")).isEmpty();
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
