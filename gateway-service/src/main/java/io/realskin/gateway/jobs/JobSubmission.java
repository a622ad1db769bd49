package io.realskin.gateway.jobs;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.realskin.contracts.Identifiers;
import io.realskin.contracts.Intensity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /v1/jobs}; which fields apply depends on {@code type}. */
@Schema(description = "A job: texture-restore {imageId, intensity? (0-100 or \"auto\"), maskImageId?, referenceImageId? (with consent: true) | profileId?, consent?, outputFormat?}, "
        + "analyze {imageId}, skin-inpaint {imageId, maskImageId, prompt?, model?}, "
        + "generate {prompt, model?, enhancePrompt?, referenceImages?, consent?, texturePass?, outputFormat?}, "
        + "source-restore {imageId, upscale? (1|2, default 2), denoise? (auto|off, default auto)}; every type also takes "
        + "webhook?. A field the type does not define (a misspelt one, or one of another type unless null), here or in "
        + "texturePass or referenceImages[], is 400 invalid-request naming each such field, with suggestions",
        additionalProperties = Schema.False.class)
public record JobSubmission(
        @NotBlank @Schema(enumeration = {"texture-restore", "skin-inpaint", "generate", "analyze", "source-restore"}, examples = "texture-restore") String type,
        @Pattern(regexp = Identifiers.ID_REGEX, message = Identifiers.ID_MESSAGE) String imageId,
        @IntensityValue @Schema(description = "0-100, or \"auto\" (the engine picks each face's level and reports it); default 40",
                oneOf = {IntensitySchemas.Level.class, IntensitySchemas.Auto.class}, examples = "40") Object intensity,
        @Pattern(regexp = Identifiers.ID_REGEX, message = Identifiers.ID_MESSAGE) String maskImageId,
        @Pattern(regexp = Identifiers.ID_REGEX, message = Identifiers.ID_MESSAGE) String referenceImageId,
        @Pattern(regexp = Identifiers.ID_REGEX, message = Identifiers.ID_MESSAGE)
        @Schema(description = "texture-restore: one of the tenant's texture profiles (POST /v1/texture-profiles) as the target texture",
                examples = "prf_7TqW2mZx9LcV4bN1kRsY") String profileId,
        @Size(max = 4000) String prompt,
        @Pattern(regexp = Identifiers.NAME_REGEX, message = "must be a model name such as nano-banana-pro") String model,
        Boolean enhancePrompt,
        @JsonSetter(contentNulls = Nulls.FAIL) // [null] is 400 naming referenceImages[0], not a NullPointerException's 500
        @Size(max = io.realskin.contracts.ImageModels.MAX_JOB_REFERENCES) List<@Valid ReferenceImage> referenceImages,
        @Schema(description = "generate with referenceImages, texture-restore with referenceImageId: must be true, you "
                + "confirm you may use the photographs (of a person's skin) as references")
        Boolean consent,
        @Valid TexturePass texturePass,
        @Size(max = 2000) String webhook,
        @Min(1) @Max(2) @Schema(description = "source-restore: 1 or 2, default 2") Integer upscale,
        @Pattern(regexp = "auto|off", message = "must be auto or off") @Schema(description = "source-restore: auto or off, default auto") String denoise,
        @Pattern(regexp = "jpeg|png", message = "must be jpeg or png")
        @Schema(description = "texture-restore: the result's format, jpeg or png (default: the input's; a JPEG's own "
                + "quantisation keeps less of the added texture the lower its quality, PNG keeps all of it). generate: the "
                + "image format asked of the model's provider, jpeg (default: a fifth of PNG's bytes, checked and stored in "
                + "a fraction of the time) or png (lossless); Gemini models answer in their own",
                enumeration = {"jpeg", "png"}) String outputFormat) {
    public JobSubmission {
        intensity = Intensity.asRead(intensity); // 40.0 is stored and shown as 40, as upscale's 2.0 is 2
    }

    /** A submission without source-restore options. */
    public JobSubmission(String type, String imageId, Object intensity, String maskImageId, String referenceImageId,
                         String profileId, String prompt, String model, Boolean enhancePrompt,
                         List<ReferenceImage> referenceImages, Boolean consent, TexturePass texturePass, String webhook) {
        this(type, imageId, intensity, maskImageId, referenceImageId, profileId, prompt, model, enhancePrompt, referenceImages,
                consent, texturePass, webhook, null, null, null);
    }

    @Schema(additionalProperties = Schema.False.class)
    public record ReferenceImage(@NotNull @Pattern(regexp = Identifiers.ID_REGEX, message = Identifiers.ID_MESSAGE) String imageId,
                                 @DecimalMin("0.4") @DecimalMax("0.6") @Schema(description = "0.4-0.6, default 0.5") Double weight) {
    }

    /** {@code {}} takes the default level, as a texture-restore without intensity does. */
    @Schema(additionalProperties = Schema.False.class)
    public record TexturePass(@IntensityValue @Schema(description = "0-100 or \"auto\"; default 40",
            oneOf = {IntensitySchemas.Level.class, IntensitySchemas.Auto.class}, examples = "40") Object intensity) {
        public TexturePass {
            intensity = Intensity.asRead(intensity);
        }
    }

    /** The fields that name one of the tenant's images; {@code referenceImages[].imageId} names more. */
    public static final List<String> IMAGE_FIELDS = List.of("imageId", "maskImageId", "referenceImageId");

    /** Every image the job names, once each. */
    public List<String> imageIds() {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : new String[] {imageId, maskImageId, referenceImageId}) {
            if (id != null) {
                ids.add(id);
            }
        }
        if (referenceImages != null) {
            referenceImages.forEach(reference -> ids.add(reference.imageId()));
        }
        return List.copyOf(ids);
    }

    /** The texture intensity asked for (valid once the body passed validation). */
    public Intensity textureIntensity() {
        return Intensity.ofJson(intensity);
    }
}
