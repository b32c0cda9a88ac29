package io.busbridge.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;

/**
 * Parses a request body with bounded resources (nesting depth, string and number length) and checks
 * the envelope every event shares: a JSON object with a non-empty string {@code type}. Duplicate keys
 * and trailing data are refused so that the schema validator and the router see the same document.
 *
 * <p>The body is forwarded to Service Bus unchanged as {@code application/json}, so it must be what
 * RFC 8259 requires on the wire: UTF-8, without a byte order mark. Strings must be valid Unicode (no
 * unpaired surrogate escapes) and numbers finite, because fields become MessageId, SessionId and
 * application properties, which Service Bus cannot encode otherwise.
 *
 * <p>The ingress route evaluates it as an expression ({@code ref: eventParser}) on the body as bytes: a direct
 * call, where a {@code method:} call would copy the exchange and bind parameters by reflection on every request.
 */
public final class EventParser extends ExpressionAdapter {

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

    @Override
    public Object evaluate(Exchange exchange) {
        return parse(exchange.getMessage().getBody(byte[].class));
    }

    public JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw rejected("the request body is empty");
        }
        JsonNode event;
        try {
            event = mapper.readTree(utf8(body));
        } catch (JsonProcessingException e) {
            throw rejected(describe(e));
        } catch (java.io.IOException e) {
            throw rejected("the request body could not be read");
        }
        if (event == null || !event.isObject()) {
            throw rejected("the request body must be a JSON object");
        }
        JsonNode type = event.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank() || type.asText().length() > MAX_TYPE_LENGTH
                || type.asText().chars().anyMatch(Character::isISOControl)) {
            throw rejected("the JSON object needs a string member 'type' of 1 to " + MAX_TYPE_LENGTH
                    + " characters without control characters");
        }
        checkValues(event, Location.ROOT);
        return event;
    }

    /** Strict UTF-8: Jackson would otherwise guess UTF-16/32 and skip a BOM, and accept overlong forms. */
    private static String utf8(byte[] body) {
        // JSON text starts with an ASCII character, so a zero byte among the first two means UTF-16 or UTF-32
        if (body[0] == 0 || (body.length > 1 && body[1] == 0)) {
            throw rejected("the request body must be UTF-8 (RFC 8259), not UTF-16 or UTF-32");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw rejected("the request body is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            throw rejected("the request body must not start with a byte order mark");
        }
        return text;
    }

    /** Depth is bounded by the parser's nesting limit. */
    private static void checkValues(JsonNode node, Location location) {
        if (node.isTextual() && hasUnpairedSurrogate(node.textValue())) {
            throw rejected("the string at '" + location + "' contains an unpaired UTF-16 surrogate escape");
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw rejected("the number at '" + location + "' is out of range");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (hasUnpairedSurrogate(field.getKey())) {
                    throw rejected("a member name in '" + location + "' contains an unpaired UTF-16 surrogate escape");
                }
                checkValues(field.getValue(), location.member(field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkValues(node.get(i), location.member(i));
            }
        }
    }

    /** Where a value is in the document; spelled out ({@code /items/0/sku}) only for a refusal. */
    private record Location(Location parent, Object name) {
        static final Location ROOT = new Location(null, null);

        Location member(Object memberName) {
            return new Location(this, memberName);
        }

        @Override
        public String toString() {
            return parent == null ? "" : parent + "/" + name;
        }
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Jackson's own message without the source excerpt, plus where the problem is. */
    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return "malformed JSON: " + JACKSON_INTERNALS.matcher(e.getOriginalMessage()).replaceAll("") + where;
    }

    private static RequestRejectedException rejected(String detail) {
        return new RequestRejectedException(Problem.of(400, "malformed-json", "Malformed request body", detail));
    }
}
