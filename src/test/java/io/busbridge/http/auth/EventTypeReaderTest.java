package io.busbridge.http.auth;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeReaderTest {

    @Test
    void readsTopLevelType() {
        assertThat(read("{\"data\":{\"type\":\"nested\"},\"type\":\"order.created\",\"n\":[1,{\"type\":2}]}"))
                .isEqualTo("order.created");
    }

    @Test
    void duplicateTypeIsUnreadable() {
        assertThat(read("{\"type\":\"order.created\",\"type\":\"payment.captured\"}")).isNull();
    }

    @Test
    void bodiesWithoutOneStringTypeAreUnreadable() {
        assertThat(read("{\"type\":5}")).isNull();
        assertThat(read("{\"kind\":\"order.created\"}")).isNull();
        assertThat(read("[{\"type\":\"order.created\"}]")).isNull();
        assertThat(read("{\"type\":\"order.created\"")).isNull();
        assertThat(read("{\"type\":\"order.created\"} trailing")).isNull();
        assertThat(read("")).isNull();
        assertThat(read("{\"type\":\"\"}")).isNull();
        assertThat(read("{\"type\":\"" + "x".repeat(129) + "\"}")).isNull();
    }

    private static String read(String body) {
        return EventTypeReader.read(body.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }
}
