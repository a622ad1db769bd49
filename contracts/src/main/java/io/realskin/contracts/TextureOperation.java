package io.realskin.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a texture worker does with a request. */
public enum TextureOperation {
    /** Face-aware texture restore over every detected face. */
    @JsonProperty("restore") RESTORE,
    /** Restore limited to a user mask; pixels outside it stay byte-identical. */
    @JsonProperty("local") LOCAL,
    /** Restore toward a reference photograph's (or saved profile's) texture statistics. */
    @JsonProperty("reference") REFERENCE,
    /** Plastic-skin score only, no new image. */
    @JsonProperty("analyze") ANALYZE,
    /** Clean a damaged or small source photo (JPEG blocking, noise) and upscale it; no texture added. */
    @JsonProperty("source-restore") SOURCE_RESTORE
}
