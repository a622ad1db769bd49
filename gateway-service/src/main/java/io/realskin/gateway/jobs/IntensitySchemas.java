package io.realskin.gateway.jobs;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI schemas of an intensity's two forms, as {@link IntensityValue} takes them: a whole number 0..100, or
 * "auto" (a job's intensity, its texturePass's, a preview's). Before, the document gave any integer or any string, so a
 * validator or a generated client took 101 or "AUTO", which the API refuses 400.
 */
public final class IntensitySchemas {
    private IntensitySchemas() {
    }

    @Schema(name = "IntensityLevel", type = SchemaType.INTEGER, minimum = "0", maximum = "100", description = "The level, 0..100")
    public static final class Level {
    }

    @Schema(name = "IntensityAuto", type = SchemaType.STRING, enumeration = "auto",
            description = "The engine picks each face's level and reports it")
    public static final class Auto {
    }
}
