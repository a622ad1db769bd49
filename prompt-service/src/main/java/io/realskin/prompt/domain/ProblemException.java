package io.realskin.prompt.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request the service refuses, carrying its problem type, a detail for humans and extension members. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail, Map<String, Object> extensions) {
        super(detail);
        this.type = type;
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static ProblemException unknownValue(String field, String value, List<String> allowed) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("field", field);
        ext.put("value", value);
        ext.put("allowed", allowed);
        return new ProblemException(ProblemType.UNKNOWN_VALUE,
                "Unknown " + field + " '" + value + "'; allowed: " + String.join(", ", allowed), ext);
    }

    public static ProblemException missingField(String field) {
        return new ProblemException(ProblemType.MISSING_FIELD, "'" + field + "' is required", Map.of("field", field));
    }
}
