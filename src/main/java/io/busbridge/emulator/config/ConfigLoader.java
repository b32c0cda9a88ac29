package io.busbridge.emulator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.busbridge.emulator.filter.CorrelationFilterSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the official Service Bus emulator's Config.json ({@code UserConfig.Namespaces[].Queues[]/Topics[]}).
 * Walks the JSON tree by hand rather than data-binding so that every error names its exact field path;
 * fields it does not know (such as {@code Logging}) are ignored, so a user's existing file loads unchanged.
 */
public final class ConfigLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigLoader() {
    }

    public static EmulatorConfig load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    public static EmulatorConfig parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid JSON at line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        ConfigNode namespaces = new ConfigNode(root, "").object("UserConfig").array("Namespaces");
        List<QueueConfig> queues = new ArrayList<>();
        List<TopicConfig> topics = new ArrayList<>();
        String namespace = "sbemulatorns";
        Set<String> names = new HashSet<>();
        for (int i = 0; i < namespaces.size(); i++) {
            ConfigNode ns = namespaces.element(i);
            if (i == 0) {
                namespace = ns.string("Name", namespace);
            }
            queues.addAll(list(ns, "Queues", q -> new QueueConfig(name(q, names), properties(q))));
            topics.addAll(list(ns, "Topics", t -> new TopicConfig(name(t, names), properties(t),
                    list(t, "Subscriptions", s -> new SubscriptionConfig(name(s, new HashSet<>()),
                            properties(s), rules(s))))));
        }
        return new EmulatorConfig(namespace, queues, topics);
    }

    private static <T> List<T> list(ConfigNode parent, String field, Function<ConfigNode, T> reader) {
        ConfigNode array = parent.optionalArray(field);
        List<T> result = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            result.add(reader.apply(array.element(i)));
        }
        return result;
    }

    private static String name(ConfigNode entity, Set<String> taken) {
        String name = entity.requiredString("Name");
        if (!taken.add(name.toLowerCase(Locale.ROOT))) {
            throw entity.error("Name", "'" + name + "' is defined twice");
        }
        return name;
    }

    private static EntityProperties properties(ConfigNode entity) {
        ConfigNode p = entity.optionalObject("Properties");
        EntityProperties d = EntityProperties.DEFAULTS;
        if (p == null) {
            return d;
        }
        return new EntityProperties(
                p.duration("LockDuration", d.lockDuration()),
                p.integer("MaxDeliveryCount", d.maxDeliveryCount()),
                p.duration("DefaultMessageTimeToLive", d.defaultMessageTimeToLive()),
                p.bool("DeadLetteringOnMessageExpiration", d.deadLetteringOnMessageExpiration()),
                p.bool("RequiresSession", d.requiresSession()),
                p.bool("RequiresDuplicateDetection", d.requiresDuplicateDetection()),
                p.duration("DuplicateDetectionHistoryTimeWindow", d.duplicateDetectionHistoryTimeWindow()),
                blankToNull(p.string("ForwardTo", null)),
                blankToNull(p.string("ForwardDeadLetteredMessagesTo", null)),
                p.integer("MaxSizeInMegabytes", (int) d.maxSizeInMegabytes()),
                p.bool("EnablePartitioning", d.enablePartitioning()));
    }

    /** A subscription without rules gets Azure's $Default rule, which matches everything. */
    private static List<RuleConfig> rules(ConfigNode subscription) {
        List<RuleConfig> rules = list(subscription, "Rules", ConfigLoader::rule);
        return rules.isEmpty() ? List.of(RuleConfig.DEFAULT) : rules;
    }

    private static RuleConfig rule(ConfigNode rule) {
        String name = rule.requiredString("Name");
        ConfigNode p = rule.object("Properties");
        String type = p.requiredString("FilterType");
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "sql" -> sql(name, p.object("SqlFilter"));
            case "correlation" -> correlation(name, p.object("CorrelationFilter"));
            default -> throw p.error("FilterType", "'" + type + "' is not Sql or Correlation");
        };
    }

    private static RuleConfig sql(String name, ConfigNode sqlFilter) {
        String expression = sqlFilter.requiredString("SqlExpression");
        try {
            return RuleConfig.sql(name, expression);
        } catch (IllegalArgumentException e) {
            throw sqlFilter.error("SqlExpression", e.getMessage());
        }
    }

    private static RuleConfig correlation(String name, ConfigNode c) {
        Map<String, Object> properties = new LinkedHashMap<>();
        ConfigNode props = c.optionalObject("Properties");
        if (props != null) {
            props.fields().forEachRemaining(e -> properties.put(e.getKey(), scalar(e.getValue())));
        }
        CorrelationFilterSpec spec = new CorrelationFilterSpec(c.string("CorrelationId", null),
                c.string("MessageId", null), c.string("To", null), c.string("ReplyTo", null),
                c.string("Label", null), c.string("SessionId", null), c.string("ReplyToSessionId", null),
                c.string("ContentType", null), properties);
        try {
            return RuleConfig.correlation(name, spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.path() + ": " + e.getMessage());
        }
    }

    private static Object scalar(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.isBoolean() ? value.booleanValue() : value.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
