package io.busbridge.http.auth;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Reads the top-level {@code type} of a request body for the authorization check, with a streaming parser
 * (no tree is built; the route parses the body again anyway).
 * <p>
 * Duplicate keys are an error here: for {@code {"type":"order.x","type":"payment.y"}} this reader and the
 * route's parser could otherwise disagree on which type was authorized.
 */
final class EventTypeReader {

    /** As the route's parser allows; longer types would only bloat logs and answers. */
    private static final int MAX_TYPE_LENGTH = 128;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private EventTypeReader() {
    }

    /** The type, or empty when the body is not a JSON object with exactly one string {@code type} of 1 to 128 characters. */
    static Optional<String> read(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String type = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                    type = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            boolean wholeBodyRead = parser.nextToken() == null;
            return Optional.ofNullable(type).filter(t -> wholeBodyRead && !t.isEmpty() && t.length() <= MAX_TYPE_LENGTH);
        } catch (IOException malformedOrDuplicate) {
            return Optional.empty();
        }
    }
}
