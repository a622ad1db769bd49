package io.realskin.gateway.images;

import io.realskin.contracts.Intensity;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.backends.TextureClient;
import io.realskin.gateway.common.CountedSlots;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.jobs.IntensitySchemas;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.OpenApiProblems;
import io.realskin.imaging.ImageLimits;
import io.realskin.support.problem.IntensityParameter;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A low-resolution texture restore answered at once, for a slider: texture-service's preview API behind the gateway's
 * keys, scopes and rate limit. The image is checked from its header here (at most 2 MP) before texture-service sees it;
 * one preview per API key at a time on a replica (a client sends the next when the last is answered). Not billed,
 * nothing stored.
 */
@Path("/v1/previews")
@Tag(name = "Previews")
public class PreviewResource {
    private final TextureClient texture;
    private final CallerContext caller;
    private final ImageLimits limits;
    private final String limitsText;
    /** API keys with a preview at texture-service now, one each. */
    private final CountedSlots inFlight = new CountedSlots(1);

    public PreviewResource(TextureClient texture, CallerContext caller, GatewayConfig config) {
        this.texture = texture;
        this.caller = caller;
        long maxPixels = config.previews().maxPixels();
        this.limits = new ImageLimits(maxPixels, ImageLimits.DEFAULT.maxBytes());
        this.limitsText = maxPixels + " pixels for a preview; send a smaller copy, or the full image as a job";
    }

    @POST
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    @Produces({"image/*", Problem.MEDIA_TYPE})
    @Blocking
    @Operation(operationId = "previewTextureRestore", summary = "Preview a texture restore", description = "The body is the image (JPEG, PNG, WebP or TIFF, at most "
            + "2 megapixels). Returns the restored image in the input's format at once, with X-Faces, X-Face-Intensities (the "
            + "level each face got, comma-separated; with intensity=auto the one the engine chose) and, when a face was "
            + "measured, X-Plastic-Score-Before and X-Plastic-Score-After. Not billed, nothing stored. One preview per API "
            + "key at a time (429 preview-in-progress). Scope jobs:write.")
    @Extension(name = OpenApiProblems.IGNORES_IDEMPOTENCY_KEY, value = "true")
    @APIResponse(responseCode = "200", description = "The restored preview, in the input's format (Cache-Control: no-store)",
            content = @Content(mediaType = "image/*", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = {
                    @Header(name = "X-Faces", description = "the faces found", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "X-Face-Intensities", description = "the level each face got, comma-separated in detection order",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Plastic-Score-Before", description = "absent without a measurable face",
                            schema = @Schema(type = SchemaType.NUMBER)),
                    @Header(name = "X-Plastic-Score-After", description = "absent without a measurable face",
                            schema = @Schema(type = SchemaType.NUMBER))})
    @APIResponse(responseCode = "429", description = "Rate limit used up, or this API key has a preview being made",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "preview-in-progress",
            value = ApiExamples.PROBLEM_PREVIEW_IN_PROGRESS)))
    @APIResponse(responseCode = "413", description = "Over 2 megapixels", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "image-too-large", value = ApiExamples.PROBLEM_TOO_LARGE)))
    @APIResponse(responseCode = "415", description = "Not a JPEG, PNG, WebP or TIFF, or truncated", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "unsupported-image", value = ApiExamples.PROBLEM_UNSUPPORTED_IMAGE)))
    @APIResponse(responseCode = "503", description = "texture-service unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "backend-unavailable", value = ApiExamples.PROBLEM_TEXTURE_UNAVAILABLE)))
    @RequiresScope(Scopes.JOBS_WRITE)
    public Response preview(byte[] image,
                            @Parameter(description = "0..100 or auto, default 40",
                                    schema = @Schema(oneOf = {IntensitySchemas.Level.class, IntensitySchemas.Auto.class})) @QueryParam("intensity") String intensity) {
        Intensity level = IntensityParameter.read(intensity);
        ImageChecks.check(image, limits, limitsText);
        Caller who = caller.get();
        if (!inFlight.tryTake(who.keyId())) {
            throw Problems.previewInProgress();
        }
        try {
            TextureClient.Preview answer = texture.preview(who.tenantId(), image, level);
            Response.ResponseBuilder response = Response.ok(answer.image(), answer.contentType()).header("Cache-Control", "no-store");
            answer.measured().headers().forEach(response::header);
            return response.build();
        } finally {
            inFlight.release(who.keyId());
        }
    }
}
