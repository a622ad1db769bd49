package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The catalogue: its data version and the models, best skin first. */
@Schema(description = "The image-model catalogue, best skin realism first.")
public record ModelCatalogue(
        @Schema(description = "Version of the catalogue data file", examples = "1.0.0") String version,
        List<ImageModel> models) {

    public ModelCatalogue {
        models = models == null ? List.of() : List.copyOf(models);
    }
}
