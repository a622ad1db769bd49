package io.realskin.support.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document; extension members ({@code field}, {@code shortfall}, ...) are written beside the standard ones. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json); switch on `type`")
public record Problem(
        @Schema(description = "stable URI of the kind of error", examples = "https://realskin.io/problems/invalid-request") String type,
        @Schema(examples = "The request is not valid") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "intensity must be 0..100, was 101") String detail,
        @Schema(description = "the path of the request that failed", examples = "/v1/previews") String instance,
        @JsonIgnore @Schema(hidden = true) Map<String, Object> extensions) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions)); // in order written
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, Map.of());
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, more);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, extensions);
    }

    public ProblemException exception() {
        return new ProblemException(this);
    }

    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions;
    }
}
