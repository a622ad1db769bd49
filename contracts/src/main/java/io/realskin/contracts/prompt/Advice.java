package io.realskin.contracts.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The fixes for a situation, cheapest first, and what not to do. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Plastic-skin fix advice")
public record Advice(
        Stage stage,
        FacesAffected facesAffected,
        SourceQuality sourceQuality,
        @Schema(examples = "Keep the image: restore its skin texture, then verify the plastic-skin score.") String summary,
        @Schema(description = "In order; stop at the first one whose result passes") List<Fix> fixes,
        @Schema(description = "Common mistakes that make plastic skin worse") List<String> avoid,
        List<String> notes) {
}
