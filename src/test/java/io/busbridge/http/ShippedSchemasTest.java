package io.busbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every schema in config/schemas carries valid examples (README, tests and outside checks post them). */
class ShippedSchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<Path> schemas() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("config/schemas"))) {
            return files.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void examplesAreValidInstancesOfTheirSchema(Path file) throws IOException {
        JsonNode schemaJson = MAPPER.readTree(file.toFile());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaJson)).getSchema(schemaJson);
        EventParser parser = new EventParser(32, 65_536, 64);

        assertThat(schemaJson.get("examples")).as("examples of " + file).isNotEmpty();
        for (JsonNode example : schemaJson.get("examples")) {
            assertThat(schema.validate(example)).as(example.toString()).isEmpty();
            assertThat(parser.parse(MAPPER.writeValueAsBytes(example))).isEqualTo(example);
        }
    }
}
