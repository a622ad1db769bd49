package io.realskin.gateway.images;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.BodyBudget;
import io.realskin.gateway.rest.Params;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /v1/images/{id}/thumbnail}: a small copy of a stored image for a list or a card ({@link Thumbnails}). */
@Path("/v1/images/{id}/thumbnail")
@Tag(name = "Images")
public class ThumbnailResource {
    private final Thumbnails thumbnails;
    private final ImageRepository images;
    private final CallerContext caller;
    private final BodyBudget bodies;
    private final CurrentVertxRequest current;

    public ThumbnailResource(Thumbnails thumbnails, ImageRepository images, CallerContext caller, BodyBudget bodies,
                             CurrentVertxRequest current) {
        this.thumbnails = thumbnails;
        this.images = images;
        this.caller = caller;
        this.bodies = bodies;
        this.current = current;
    }

    @GET
    @Produces({"image/jpeg", "image/png", Problem.MEDIA_TYPE})
    @Blocking
    @Operation(summary = "A small copy of an image", description = "The image upright, at most width px wide (and 4 times "
            + "that high), aspect ratio kept, never enlarged: an image narrower than width comes at its own size. JPEG "
            + "(quality 85), or PNG when the image has transparency. Immutable like the content: the same ETag for the "
            + "same image and width, Cache-Control private, a year, immutable. The first request for a thumbnail renders "
            + "it (texture-service) and stores it; later ones are answered from storage. Scope jobs:read. Another "
            + "tenant's image is 404.")
    @APIResponse(responseCode = "200", description = "The thumbnail", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "width is not 160, 320 or 640", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "invalid-request", value = ApiExamples.PROBLEM_THUMBNAIL_WIDTH)))
    @APIResponse(responseCode = "415", description = "The stored bytes are no image texture-service reads", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unsupported-image", value = ApiExamples.PROBLEM_UNSUPPORTED_IMAGE)))
    @APIResponse(responseCode = "503", description = "Every thumbnail render slot is busy, or texture-service or the blob store "
            + "is unavailable; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "backend-unavailable", value = ApiExamples.PROBLEM_TEXTURE_UNAVAILABLE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response thumbnail(@PathParam("id") String id,
                              @Parameter(description = "160, 320 or 640", required = true) @QueryParam("width") String width) {
        String tenant = caller.get().tenantId();
        String imageId = Params.pathId("image", id);
        int asked = ThumbnailWidths.parse(width);
        Image image = images.find(tenant, imageId).await().indefinitely().orElseThrow(() -> Problems.notFound("image", id));
        Thumbnails.Thumbnail thumbnail = thumbnails.get(image, asked);
        bodies.takeForAnswerBody(current.getCurrent(), tenant, thumbnail.bytes().length); // sent from memory, as the content is
        return Response.ok(thumbnail.bytes(), thumbnail.contentType())
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .header("ETag", "\"" + image.sha256() + "-" + asked + "\"")
                .build();
    }
}
