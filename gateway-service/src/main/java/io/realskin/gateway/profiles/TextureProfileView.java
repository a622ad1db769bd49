package io.realskin.gateway.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A texture profile as the API shows it; a page's items leave the document out. */
public record TextureProfileView(String id, String name,
                                 @Schema(description = "the image it was made from; it may have been deleted since") String sourceImageId,
                                 @Schema(description = "the API key that made it, confirming the consent to use the photo") String createdBy,
                                 Instant createdAt,
                                 @JsonInclude(JsonInclude.Include.NON_NULL)
                                 @Schema(type = SchemaType.OBJECT, description = "the engine's skin statistics (no pixels): "
                                         + "version, fineOverContrast, midOverFine, noiseOverFine, skewness, faces, radialSpectrum, "
                                         + "noiseVsLuminance, histogram; absent in a page's items") JsonNode profile) {
    static TextureProfileView of(TextureProfileService.WithDocument made) {
        TextureProfile p = made.profile();
        return new TextureProfileView(p.id(), p.name(), p.sourceImageId(), p.createdBy(), p.createdAt(), made.document());
    }

    static TextureProfileView summary(TextureProfile p) {
        return new TextureProfileView(p.id(), p.name(), p.sourceImageId(), p.createdBy(), p.createdAt(), null);
    }
}
