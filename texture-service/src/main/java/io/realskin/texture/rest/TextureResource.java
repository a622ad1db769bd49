package io.realskin.texture.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.Intensity;
import io.realskin.contracts.texture.PreviewAnswer;
import io.realskin.support.problem.IntensityParameter;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemTypes;
import io.realskin.texture.engine.FaceRestore;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.service.EngineTextureProcessor;
import io.realskin.texture.service.PreviewService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Synchronous texture calls for the front end's slider: a restored preview, and the plastic-skin score. */
@Path("/texture")
@Tag(name = "texture", description = "Interactive preview and analysis (images of at most 2 MP)")
public class TextureResource {
    private final PreviewService previews;

    public TextureResource(PreviewService previews) {
        this.previews = previews;
    }

    @POST
    @Path("/preview")
    @Consumes({"image/jpeg", "image/png", "image/webp", "image/tiff", "image/bmp", MediaType.APPLICATION_OCTET_STREAM})
    @Produces({"image/jpeg", "image/png", "image/webp", "image/tiff", "image/bmp", Problem.MEDIA_TYPE})
    @Operation(summary = "Restore skin texture on a preview",
            description = "The body is the image (at most 2 MP; JPEG, PNG, WebP, TIFF or BMP). Returns the restored image "
                    + "in the input's format, with the plastic-skin score before and after in headers "
                    + "(X-Plastic-Score-Before, X-Plastic-Score-After; absent without a measurable face) and the level "
                    + "each face got (X-Face-Intensities, comma-separated in detection order: the one auto intensity chose).")
    @RequestBody(required = true, content = @Content(mediaType = "image/jpeg", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The restored preview")
    @APIResponse(responseCode = "400", description = "Intensity neither 0..100 nor auto", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Larger than 2 MP", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Not an image we read", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Every preview slot is busy; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response preview(byte[] image,
                            @Parameter(description = "0..100 or auto, default 40") @QueryParam("intensity") String intensity) {
        Intensity level = IntensityParameter.read(intensity);
        RestoreResult result = previews.preview(requireBody(image), level);
        Response.ResponseBuilder response = Response.ok(result.bytes(), result.contentType());
        new PreviewAnswer(result.faces(), result.faceRestores().stream().map(FaceRestore::intensity).toList(),
                result.plasticScoreBefore(), result.plasticScoreAfter()).headers().forEach(response::header);
        return response.build();
    }

    @POST
    @Path("/analyze")
    @Consumes({"image/jpeg", "image/png", "image/webp", "image/tiff", "image/bmp", MediaType.APPLICATION_OCTET_STREAM})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Plastic-skin score of an image",
            description = "The engine's score document: width, height, faces (box, score, confidence), plasticScore "
                    + "(0 photographic .. 1 waxy, 0.5 the decision point; null without a measurable face), skinFraction and "
                    + "scoreModel (the score model's version, e.g. plastic-score-v2).")
    @RequestBody(required = true, content = @Content(mediaType = "image/jpeg", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The score document")
    @APIResponse(responseCode = "413", description = "Larger than 2 MP", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Not an image we read", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Every slot is busy; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public JsonNode analyze(byte[] image) {
        return EngineTextureProcessor.scoreJson(previews.analyze(requireBody(image)));
    }

    private static byte[] requireBody(byte[] image) {
        if (image == null || image.length == 0) {
            throw Problem.of(ProblemTypes.INVALID_REQUEST, "the body must be the image").exception();
        }
        return image;
    }
}
