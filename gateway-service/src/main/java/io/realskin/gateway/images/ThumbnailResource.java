package io.realskin.gateway.images;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.BodyBudget;
import io.realskin.gateway.rest.PacedBody;
import io.realskin.gateway.rest.Params;
import io.realskin.gateway.rest.Validators;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/** {@code GET /v1/images/{id}/thumbnail}: a small copy of a stored image for a list or a card ({@link Thumbnails}). */
@Path("/v1/images/{id}/thumbnail")
@Tag(name = "Images")
public class ThumbnailResource {
    /**
     * A day, not a year and immutable as the content: a thumbnail is the image's bytes as today's renderer draws them,
     * so a new {@link ThumbnailWidths#RENDITION} reaches a client within a day, when it revalidates (a 304 while
     * nothing changed: one row read, no bytes).
     */
    static final String CACHE_CONTROL = "private, max-age=86400";
    private final Thumbnails thumbnails;
    private final ImageRepository images;
    private final CallerContext caller;
    private final BodyBudget bodies;
    private final CurrentVertxRequest current;
    /** realskin.database.timeout: how long the image's lookup waits for the database. */
    private final Duration dbTimeout;

    public ThumbnailResource(Thumbnails thumbnails, ImageRepository images, CallerContext caller, BodyBudget bodies,
                             CurrentVertxRequest current, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.thumbnails = thumbnails;
        this.images = images;
        this.caller = caller;
        this.bodies = bodies;
        this.current = current;
    }

    @GET
    @Produces("image/*") // one type: RESTEasy streams a RestMulti only without negotiation; problems are answered as problem+json anyway
    @Blocking
    @Operation(operationId = "getImageThumbnail", summary = "A small copy of an image", description = "The image upright, at most width px wide (and 4 times "
            + "that high), aspect ratio kept, never enlarged: an image narrower than width comes at its own size. JPEG "
            + "(quality 85), or PNG when the image has transparency. ETag \"<sha256>-<width>-r<renderer version>\", "
            + "Cache-Control private, a day. With If-None-Match naming the ETag (or *), 304 with no body: nothing is "
            + "rendered, read or sent. The first request for a thumbnail renders it (texture-service) and stores it; later "
            + "ones are answered from storage. Scope jobs:read. Another tenant's image is 404, whatever If-None-Match says.")
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = Validators.IF_NONE_MATCH_DOC,
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "304", description = Validators.NOT_MODIFIED_DOC, headers = {
            @Header(name = "ETag", description = "\"<sha256>-<width>-r3\"", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = "private, max-age=86400", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "The thumbnail", headers = {
            @Header(name = "ETag", description = "\"<sha256>-<width>-r3\"", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = "private, max-age=86400", schema = @Schema(type = SchemaType.STRING))},
            content = {
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
    public RestMulti<byte[]> thumbnail(@PathParam("id") String id,
                              @Parameter(description = "160, 320 or 640", required = true,
                                      schema = @Schema(type = SchemaType.INTEGER, enumeration = {"160", "320", "640"})) @QueryParam("width") String width) {
        String tenant = caller.get().tenantId();
        String imageId = Params.pathId("image", id);
        int asked = ThumbnailWidths.parse(width);
        Image image = images.find(tenant, imageId).await().atMost(dbTimeout).orElseThrow(() -> Problems.notFound("image", id));
        Validators validators = new Validators(ThumbnailWidths.etag(image.sha256(), asked), CACHE_CONTROL);
        validators.answerNotModifiedIfCurrent(current.getCurrent()); // before a render, a blob read or the budget
        Thumbnails.Thumbnail thumbnail = thumbnails.get(image, asked);
        // sent from memory, as the content is
        Runnable giveBack = bodies.takeForAnswerBody(current.getCurrent(), tenant, thumbnail.bytes().length);
        return PacedBody.of(current.getCurrent(), thumbnail.bytes(), thumbnail.contentType(), validators.headers(), giveBack);
    }
}
