package io.busbridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The valid instances each shipped schema carries in its "examples" keyword, as request bodies. */
final class Examples {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Examples() {
    }

    static List<String> of(String schemaFile) {
        try {
            JsonNode schema = MAPPER.readTree(Files.readString(Path.of("config/schemas", schemaFile)));
            return StreamSupport.stream(schema.get("examples").spliterator(), false).map(JsonNode::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
