package io.realskin.gateway.profiles;

import io.realskin.contracts.Identifiers;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.idempotency.Idempotent;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.Cursors;
import io.realskin.gateway.rest.OptionalNames;
import io.realskin.gateway.rest.Params;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(TextureProfileResource.PATH)
@Tag(name = "Texture profiles")
@Produces(MediaType.APPLICATION_JSON)
public class TextureProfileResource {
    /** The collection; a profile is at PATH/{id}, its creation answered with that Location. */
    static final String PATH = "/v1/texture-profiles";

    private final TextureProfileService service;
    private final TextureProfileDeletion deletion;
    private final TextureProfileRepository profiles;
    private final GatewayConfig config;
    private final CallerContext caller;

    public TextureProfileResource(TextureProfileService service, TextureProfileDeletion deletion, TextureProfileRepository profiles,
                                  GatewayConfig config, CallerContext caller) {
        this.service = service;
        this.deletion = deletion;
        this.profiles = profiles;
        this.config = config;
        this.caller = caller;
    }

    /** Control characters are refused for every string by the strict JSON reader, as for a key's name. */
    public record NewTextureProfile(@NotNull @Pattern(regexp = Identifiers.ID_REGEX, message = Identifiers.ID_MESSAGE) String imageId,
                                    @Schema(description = "must be true: you confirm you may use this photograph") Boolean consent,
                                    @Schema(description = OptionalNames.DOC) @Size(max = 100) @Pattern(regexp = Identifiers.LABEL_REGEX, message = Identifiers.LABEL_MESSAGE) String name) {
        public NewTextureProfile {
            name = OptionalNames.orAbsent(name);
        }
    }

    @POST
    @Blocking
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTextureProfile", summary = "Make a texture profile from one of your images", description = "texture-service measures the "
            + "photo's skin (grain, pore scale, noise) and the statistics are kept, never the pixels or the face: the photo "
            + "may be deleted afterwards and the profile stays usable as a texture-restore job's profileId. consent must be "
            + "true. At most realskin.profiles.max-per-tenant (100) per tenant (409 too-many-profiles). A photo without a face "
            + "with measurable skin is 422 reference-without-face. One measurement per tenant at a time on each gateway replica: "
            + "another while the first is being measured is 429 profile-in-progress with Retry-After, and one past "
            + "realskin.profiles.measurements-per-minute (6) 429 too-many-profile-measurements with Retry-After. Scope jobs:write. Honours "
            + "Idempotency-Key (a 429 is not kept: send it again with the same key).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "profile",
            value = ApiExamples.TEXTURE_PROFILE_REQUEST)))
    @APIResponse(responseCode = "201", description = "Made", headers = @Header(name = HttpHeaders.LOCATION, description = "the profile, /v1/texture-profiles/{id}", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TextureProfileView.class),
            examples = @ExampleObject(name = "profile", value = ApiExamples.TEXTURE_PROFILE)))
    @APIResponse(responseCode = "409", description = "The tenant has as many texture profiles as it may, or the first request "
            + "with this Idempotency-Key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "too-many-profiles", value = ApiExamples.PROBLEM_TOO_MANY_PROFILES),
                    @ExampleObject(name = "idempotency-in-progress", value = ApiExamples.PROBLEM_IDEMPOTENCY_RUNNING)}))
    @APIResponse(responseCode = "404", description = "An image the request names is not the tenant's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found",
            value = ApiExamples.PROBLEM_IMAGE_NOT_FOUND)))
    @APIResponse(responseCode = "422", description = "The photo shows no face with measurable skin", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "reference-without-face",
            value = ApiExamples.PROBLEM_REFERENCE_WITHOUT_FACE)))
    @APIResponse(responseCode = "429", description = "Another texture profile of the tenant is being measured (see Retry-After), "
            + "the tenant's measurements for the minute are used up (see Retry-After; its RateLimit fields describe the "
            + "measurements, not the request buckets), or the tenant's or the key's rate limit is used up", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "profile-in-progress", value = ApiExamples.PROBLEM_PROFILE_IN_PROGRESS),
                    @ExampleObject(name = "too-many-profile-measurements", value = ApiExamples.PROBLEM_TOO_MANY_PROFILE_MEASUREMENTS),
                    @ExampleObject(name = "rate-limited", value = ApiExamples.PROBLEM_RATE_LIMITED)}))
    @APIResponse(responseCode = "503", description = "texture-service is busy (see Retry-After) or unavailable, or the blob store "
            + "is", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "backend-unavailable", value = ApiExamples.PROBLEM_TEXTURE_UNAVAILABLE)))
    @RequiresScope(Scopes.JOBS_WRITE)
    public Response create(@Valid @NotNull NewTextureProfile request) {
        Caller who = caller.get();
        TextureProfileService.WithDocument made = service.create(who.tenantId(), who.keyId(), request.imageId(), request.name(),
                request.consent());
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, PATH + "/" + made.profile().id())
                .entity(TextureProfileView.of(made)).build();
    }

    @GET
    @Operation(operationId = "listTextureProfiles", summary = "Your tenant's texture profiles, newest first", description = "Without their documents (GET one for "
            + "it). Cursor pagination: pass nextCursor as cursor for the next page. Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TextureProfilePage.class),
            examples = @ExampleObject(name = "page", value = ApiExamples.TEXTURE_PROFILE_PAGE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<TextureProfilePage> list(@QueryParam("cursor") String cursor, @Parameter(description = Params.LIMIT_DOC,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("limit") String limit) {
        String tenant = caller.get().tenantId();
        int size = Params.pageSize(limit, 20, config.jobs().maxPageSize());
        Cursors.Position after = cursor == null ? null : Cursors.decode(cursor);
        return profiles.list(tenant, after == null ? null : after.createdAt(), after == null ? null : after.id(), size)
                .map(page -> new TextureProfilePage(page.stream().map(TextureProfileView::summary).toList(),
                        Cursors.next(page, size, TextureProfile::createdAt, TextureProfile::id)));
    }

    @GET
    @Path("/{id}")
    @Blocking
    @Operation(operationId = "getTextureProfile", summary = "A texture profile with its document", description = "Scope jobs:read. Another tenant's profile is 404.")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TextureProfileView.class),
            examples = @ExampleObject(name = "profile", value = ApiExamples.TEXTURE_PROFILE)))
    @RequiresScope(Scopes.JOBS_READ)
    public TextureProfileView get(@PathParam("id") String id) {
        return TextureProfileView.of(service.get(caller.get().tenantId(), Params.pathId("texture profile", id)));
    }

    @DELETE
    @Path("/{id}")
    @Blocking
    @Idempotent
    @Operation(operationId = "deleteTextureProfile", summary = "Delete a texture profile", description = "The profile's row and its document go. While a queued or "
            + "running job names it, 409 profile-in-use names the jobs. Another tenant's profile is 404. Scope jobs:write. "
            + "Honours Idempotency-Key. The creation's answer kept for its Idempotency-Key goes too: replayed, it is 404.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "A queued or running job names the profile", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "profile-in-use", value = ApiExamples.PROBLEM_PROFILE_IN_USE)))
    @RequiresScope(Scopes.JOBS_WRITE)
    public Response delete(@PathParam("id") String id) {
        deletion.delete(caller.get().tenantId(), Params.pathId("texture profile", id));
        return Response.noContent().build();
    }
}
