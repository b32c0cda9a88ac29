package io.busbridge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders a {@link Problem} as an {@code application/problem+json} document. */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final ObjectMapper mapper = new ObjectMapper();
    private final String typeBase;

    public ProblemJson(String typeBase) {
        this.typeBase = typeBase.endsWith("/") ? typeBase : typeBase + "/";
    }

    public byte[] render(Problem problem) {
        ObjectNode json = mapper.createObjectNode();
        json.put("type", typeBase + problem.slug());
        json.put("title", problem.title());
        json.put("status", problem.status());
        json.put("detail", problem.detail());
        problem.extensions().forEach(json::put);
        if (!problem.violations().isEmpty()) {
            ArrayNode violations = json.putArray("violations");
            problem.violations().forEach(v -> violations.addObject()
                    .put("location", v.location())
                    .put("message", v.message()));
        }
        try {
            return mapper.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render a problem document", e);
        }
    }
}
