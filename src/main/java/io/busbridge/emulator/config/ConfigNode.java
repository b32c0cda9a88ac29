package io.busbridge.emulator.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/** A JSON node that knows its path, so every read can fail with "Path.To.Field: what is wrong". */
final class ConfigNode {
    private final JsonNode node;
    private final String path;

    ConfigNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    ConfigException error(String field, String problem) {
        return new ConfigException(child(field) + ": " + problem);
    }

    ConfigNode object(String field) {
        ConfigNode result = optionalObject(field);
        if (result == null) {
            throw error(field, "missing (an object is required)");
        }
        return result;
    }

    ConfigNode optionalObject(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw error(field, "must be an object");
        }
        return new ConfigNode(value, child(field));
    }

    ConfigNode array(String field) {
        ConfigNode result = optionalArray(field);
        if (result == null) {
            throw error(field, "missing (an array is required)");
        }
        return result;
    }

    ConfigNode optionalArray(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw error(field, "must be an array");
        }
        return new ConfigNode(value, child(field));
    }

    int size() {
        return node.size();
    }

    ConfigNode element(int index) {
        JsonNode value = node.get(index);
        String elementPath = path + "[" + index + "]";
        if (!value.isObject()) {
            throw new ConfigException(elementPath + ": must be an object");
        }
        return new ConfigNode(value, elementPath);
    }

    Iterator<Map.Entry<String, JsonNode>> fields() {
        return node.fields();
    }

    String requiredString(String field) {
        String value = string(field, null);
        if (value == null || value.isBlank()) {
            throw error(field, "missing (a non-empty string is required)");
        }
        return value;
    }

    String string(String field, String fallback) {
        JsonNode value = present(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw error(field, "'" + value + "' is not a string");
        }
        return value.textValue();
    }

    int integer(String field, int fallback) {
        JsonNode value = present(field);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
            throw error(field, "'" + value + "' is not a positive integer");
        }
        return value.intValue();
    }

    boolean bool(String field, boolean fallback) {
        JsonNode value = present(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(field, "'" + value + "' is not true or false");
        }
        return value.booleanValue();
    }

    Duration duration(String field, Duration fallback) {
        String text = string(field, null);
        if (text == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw error(field, "'" + text + "' must be a positive duration");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw error(field, "'" + text + "' is not an ISO-8601 duration");
        }
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private String child(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
