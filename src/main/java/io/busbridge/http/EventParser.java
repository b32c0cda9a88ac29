package io.busbridge.http;

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
     * A top-level member of an event {@link #parse} returned, as text ("" when absent), for the routes'
     * decisions: they read the parsed event instead of parsing the body again.
     */
    public String member(JsonNode event, String name) {
        return event.path(name).asText();
    }

    /** Jackson's own message without the source excerpt, plus where the problem is. */
    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return "malformed JSON: " + e.getOriginalMessage() + where;
    }

    private static RequestRejectedException rejected(String detail) {
        return new RequestRejectedException(Problem.of(400, "malformed-json", "Malformed request body", detail));
    }
}
