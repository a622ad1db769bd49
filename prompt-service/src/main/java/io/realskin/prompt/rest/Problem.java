package io.realskin.prompt.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.realskin.prompt.domain.ProblemType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** An RFC 9457 problem details document; extension members are written at the top level. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json); switch on `type`")
public record Problem(
        @Schema(examples = "https://realskin.io/problems/prompt-too-long") String type,
        @Schema(examples = "Prompt is too long") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "'prompt' has 4001 characters; at most 4000 are accepted") String detail,
        @Schema(examples = "/prompts/enhance") String instance,
        @JsonIgnore @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail, String instance, Map<String, Object> extensions) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, Map.copyOf(extensions));
    }

    /** Extension members such as {@code field}, {@code allowed} or {@code maxLength}, written beside the standard ones. */
    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions;
    }
}
