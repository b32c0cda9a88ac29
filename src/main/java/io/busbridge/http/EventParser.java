package io.busbridge.http;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses a request body with bounded resources (nesting depth, string and number length) and checks
 * the envelope every event shares: a JSON object with a non-empty string {@code type}. Duplicate keys
 * and trailing data are refused so that the schema validator and the router see the same document.
 */
public final class EventParser {

    private static final int MAX_TYPE_LENGTH = 128;
    /** The parts of Jackson's messages that name its own classes and settings, not the client's mistake. */
    private static final Pattern JACKSON_INTERNALS = Pattern.compile(
            ", from `[^`]*`|\\s*\\(bound as `[^`]*`\\): not allowed as per `[^`]*`|\\s*\\(start marker at \\[Source.*\\]\\)",
            Pattern.DOTALL);

    private final ObjectMapper mapper;

    public EventParser(int maxNestingDepth, int maxStringLength, int maxNumberLength) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .maxNumberLength(maxNumberLength)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw rejected("the request body is empty");
        }
        if (!utf8(body)) {
            throw rejected("the request body must be UTF-8 (RFC 8259), not UTF-16 or UTF-32");
        }
        JsonNode event;
        try {
            event = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw rejected(describe(e));
        } catch (java.io.IOException e) {
            throw rejected("the request body could not be read");
        }
        if (event == null || !event.isObject()) {
            throw rejected("the request body must be a JSON object");
        }
        JsonNode type = event.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank() || type.asText().length() > MAX_TYPE_LENGTH) {
            throw rejected("the JSON object needs a string member 'type' of 1 to " + MAX_TYPE_LENGTH + " characters");
        }
        return event;
    }

    /**
     * Jackson detects UTF-16 and UTF-32 by themselves, but the body goes to Service Bus unchanged as
     * application/json, which consumers read as UTF-8. JSON text starts with an ASCII character, so in those
     * encodings a zero byte or a UTF-16 byte order mark comes first.
     */
    private static boolean utf8(byte[] body) {
        boolean utf16Bom = body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE));
        boolean zeroByte = body[0] == 0 || (body.length >= 2 && body[1] == 0);
        return !utf16Bom && !zeroByte;
    }

    /** Jackson's own message without the source excerpt and its internals, plus where the problem is. */
    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return "malformed JSON: " + JACKSON_INTERNALS.matcher(e.getOriginalMessage()).replaceAll("") + where;
    }

    private static RequestRejectedException rejected(String detail) {
        return new RequestRejectedException(Problem.of(400, "malformed-json", "Malformed request body", detail));
    }
}
