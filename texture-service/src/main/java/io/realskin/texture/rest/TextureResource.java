package io.realskin.texture.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.Intensity;
import io.realskin.contracts.texture.PreviewAnswer;
import io.realskin.support.problem.IntensityParameter;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemTypes;
import io.realskin.texture.engine.FaceRestore;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.TextureProfile;
import io.realskin.texture.engine.Thumbnailer;
import io.realskin.texture.json.TextureJson;
import io.realskin.texture.service.EngineTextureProcessor;
import io.realskin.texture.service.PreviewService;
import io.realskin.texture.service.ProfileService;
import io.realskin.texture.service.ThumbnailService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Synchronous texture calls for the front end's slider: a restored preview, and the plastic-skin score; and the
 * thumbnail of a stored image.
 */
@Path("/texture")
@Tag(name = "texture", description = "Interactive preview and analysis (images of at most 2 MP); thumbnails and texture profiles of stored images")
public class TextureResource {
    /** Widest thumbnail asked for; the gateway asks for 160, 320 or 640. */
    static final int MAX_THUMBNAIL_WIDTH = 2048;

    private final PreviewService previews;
    private final ThumbnailService thumbnails;
    private final ProfileService profiles;
    private final JsonWebToken token;

    public TextureResource(PreviewService previews, ThumbnailService thumbnails, ProfileService profiles, JsonWebToken token) {
        this.previews = previews;
        this.thumbnails = thumbnails;
        this.profiles = profiles;
        this.token = token;
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
        RestoreResult result = previews.preview(token.getSubject(), requireBody(image), level);
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
                    + "scoreModel (the score model's version, e.g. plastic-score-v3).")
    @RequestBody(required = true, content = @Content(mediaType = "image/jpeg", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The score document")
    @APIResponse(responseCode = "413", description = "Larger than 2 MP", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Not an image we read", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Every slot is busy; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public JsonNode analyze(byte[] image) {
        return EngineTextureProcessor.scoreJson(previews.analyze(token.getSubject(), requireBody(image)));
    }

    @GET
    @Path("/thumbnail")
    @Produces({"image/jpeg", "image/png", Problem.MEDIA_TYPE})
    @Operation(summary = "Thumbnail of a stored image",
            description = "Reads the blob under key (a key of the service token's tenant: <kind>/<tenant>/...) and answers "
                    + "it upright, at most width px wide and 4 times that high, aspect ratio kept, never enlarged: JPEG "
                    + "(quality 85), or PNG when the image has transparency. The image is checked as an upload is before "
                    + "it is decoded; a JPEG is decoded reduced (1/2, 1/4, 1/8) where that still covers the thumbnail.")
    @APIResponse(responseCode = "200", description = "The thumbnail, with X-Thumbnail-Width and X-Thumbnail-Height")
    @APIResponse(responseCode = "400", description = "No key, or width not 1..2048", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No blob of the tenant under the key", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Over the upload limits", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Not an image we read", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Every thumbnail slot is busy (see Retry-After), or the blob store is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response thumbnail(@Parameter(description = "the image's blob key") @QueryParam("key") String key,
                              @Parameter(description = "largest width, px") @QueryParam("width") String width) {
        int maxWidth = thumbnailWidth(width);
        Thumbnailer.Thumbnail thumbnail = thumbnails.render(token.getSubject(), requireKey(key), maxWidth)
                .orElseThrow(() -> Problem.of(ProblemTypes.NOT_FOUND, "no image under that key").exception());
        return Response.ok(thumbnail.bytes(), thumbnail.contentType())
                .header("X-Thumbnail-Width", thumbnail.width()).header("X-Thumbnail-Height", thumbnail.height()).build();
    }

    @GET
    @Path("/profile")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Texture profile of a stored reference photo",
            description = "Reads the blob under key (a key of the service token's tenant) and answers the engine's profile "
                    + "document: the skin's texture statistics (version, fineOverContrast, midOverFine, noiseOverFine, "
                    + "skewness, faces, radialSpectrum, noiseVsLuminance, histogram), nothing spatial. The image is checked "
                    + "as an upload is before it is decoded.")
    @APIResponse(responseCode = "200", description = "The profile document")
    @APIResponse(responseCode = "400", description = "No key", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No blob of the tenant under the key", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Over the upload limits", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Not an image we read", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "No face with measurable skin (reference-without-face)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Every profile slot is busy (see Retry-After), or the blob store is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response profile(@Parameter(description = "the photo's blob key") @QueryParam("key") String key) {
        TextureProfile profile = profiles.measure(token.getSubject(), requireKey(key))
                .orElseThrow(() -> Problem.of(ProblemTypes.NOT_FOUND, "no image under that key").exception());
        return Response.ok(TextureJson.writeProfile(profile), MediaType.APPLICATION_JSON).build();
    }

    private static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw Problem.of(ProblemTypes.INVALID_REQUEST, "key is required").exception();
        }
        return key;
    }

    private static int thumbnailWidth(String width) {
        try {
            int value = Integer.parseInt(width == null ? "" : width);
            if (value >= 1 && value <= MAX_THUMBNAIL_WIDTH) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.of(ProblemTypes.INVALID_REQUEST, "width must be 1.." + MAX_THUMBNAIL_WIDTH + ", was '" + width + "'").exception();
    }

    private static byte[] requireBody(byte[] image) {
        if (image == null || image.length == 0) {
            throw Problem.of(ProblemTypes.INVALID_REQUEST, "the body must be the image").exception();
        }
        return image;
    }
}
