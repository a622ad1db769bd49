package io.realskin.gateway.keys;

import io.quarkus.vertx.http.Uncompressed;
import io.realskin.contracts.Identifiers;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.idempotency.Idempotent;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.OptionalNames;
import io.realskin.gateway.rest.Params;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/api-keys")
@Tag(name = "API keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    private final KeyListing listing;
    private final OwnKeys own;
    private final CallerContext caller;

    public ApiKeyResource(KeyListing listing, OwnKeys own, CallerContext caller) {
        this.listing = listing;
        this.own = own;
        this.caller = caller;
    }

    public record KeyView(String id, @Schema(nullable = true) String name, String hint, Set<String> scopes, Instant createdAt,
                          @Schema(nullable = true, description = "null: it does not expire") Instant expiresAt,
                          @Schema(nullable = true, description = "null while it is not revoked") Instant revokedAt,
                          @Schema(nullable = true, description = "null: the tenant plan's") Integer rateLimitPerMinute,
                          @Schema(nullable = true, description = "The key that created this one (null for keys made before this was recorded, "
                                  + "and the bootstrap key); revoke it with descendants=true to revoke this one too") String createdBy,
                          @Schema(nullable = true, description = "When the key last authenticated a request, written once a "
                                  + "minute (so up to about a minute late); null: not used since 2026-12-07") Instant lastUsedAt) {
    }

    public record OwnKeyRequest(@Schema(description = OptionalNames.DOC) @Size(max = 100) @Pattern(regexp = Identifiers.LABEL_REGEX, message = Identifiers.LABEL_MESSAGE) String name, @NotEmpty Set<@NotNull String> scopes,
                                @Schema(description = "Must be the calling key's kind when sent: a test key makes test keys only") Boolean live,
                                @Schema(description = "No later than the calling key's expiry; the calling key's when absent") Instant expiresAt,
                                @Schema(description = "Requests per minute, at most the calling key's; the calling key's own "
                                        + "(or, like it, the tenant plan's) when absent")
                                @Min(value = KeySpec.MIN_RATE, message = KeySpec.RATE_RANGE) @Max(value = KeySpec.MAX_RATE, message = KeySpec.RATE_RANGE)
                                Integer rateLimitPerMinute) {
        public OwnKeyRequest {
            name = OptionalNames.orAbsent(name);
        }
    }

    public record KeyPage(List<KeyView> items,
                          @Schema(nullable = true, description = "pass back as cursor for the next page; null on the last") String nextCursor) {
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "Your tenant's API keys, masked, newest first", description = "Each key shows only its prefix and "
            + "last six characters (the checksum). Revoked and expired keys are kept (they are the lineage descendants=true "
            + "follows), so the list is paged: pass nextCursor as cursor for the next page. state: active (neither revoked "
            + "nor expired), inactive (revoked or expired) or all (the default). Scope jobs:read. Always the calling key's tenant "
            + "(an admin key's too): an operator lists another tenant's keys with GET /v1/admin/tenants/{id}/api-keys.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KeyPage.class), examples = @ExampleObject(name = "page", value = ApiExamples.KEY_PAGE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<KeyPage> list(@QueryParam("state") @Parameter(description = "active, inactive or all (the default)",
                                     schema = @Schema(type = SchemaType.STRING, enumeration = {"active", "inactive", "all"}, defaultValue = "all")) String state,
                             @QueryParam("cursor") String cursor, @Parameter(description = Params.LIMIT_DOC,
                                             schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
                                     @QueryParam("limit") String limit) {
        return listing.page(caller.get().tenantId(), state, cursor, limit);
    }

    @POST
    @Blocking
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create a key for your tenant; the key is in this answer only", description = "Scope keys:write. "
            + "The new key never exceeds the calling key: only scopes it holds and never admin, its live or test kind, a rate "
            + "limit and an expiry no higher and no later than its own (403 grant-exceeds-key). At most "
            + "realskin.keys.max-active-per-tenant (50) active keys per tenant (409 too-many-keys), and at most "
            + "realskin.keys.max-created-per-tenant-per-day (100) keys created by the tenant's keys within any 24 hours, revoked "
            + "ones included (429 too-many-key-creations, with Retry-After). Only the key's SHA-256 is "
            + "stored. Honours Idempotency-Key, but the answer holds the key, so it is never stored: a replay is 409 "
            + "idempotency-secret-not-replayable.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rotation",
            value = ApiExamples.OWN_KEY_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewKeyView.class), examples = @ExampleObject(name = "key", value = ApiExamples.NEW_KEY)))
    @APIResponse(responseCode = "403", description = "The key lacks keys:write, or the new key would exceed it", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "grant-exceeds-key", value = ApiExamples.PROBLEM_GRANT_EXCEEDS_KEY),
                    @ExampleObject(name = "insufficient-scope", value = ApiExamples.PROBLEM_FORBIDDEN)}))
    @APIResponse(responseCode = "409", description = "The tenant has as many active keys as it may; or a replayed "
            + "Idempotency-Key: the answer held a secret and was not kept, or the first request is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "too-many-keys", value = ApiExamples.PROBLEM_TOO_MANY_KEYS),
                    @ExampleObject(name = "idempotency-secret-not-replayable", value = ApiExamples.PROBLEM_SECRET_NOT_REPLAYABLE),
                    @ExampleObject(name = "idempotency-in-progress", value = ApiExamples.PROBLEM_IDEMPOTENCY_RUNNING)}))
    @APIResponse(responseCode = "429", description = "Rate limit used up, or the tenant's keys have created as many keys "
            + "within 24 hours as they may (see Retry-After)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "rate-limited", value = ApiExamples.PROBLEM_RATE_LIMITED),
                    @ExampleObject(name = "too-many-key-creations", value = ApiExamples.PROBLEM_TOO_MANY_KEY_CREATIONS)}))
    @RequiresScope(Scopes.KEYS_WRITE)
    @Uncompressed // the answer holds a secret: never compressed (BREACH; docs/security.md)
    public Response create(@Valid @NotNull OwnKeyRequest request) {
        NewKey created = own.create(caller.get(), new KeySpec(request.name(), request.scopes(), request.expiresAt(),
                request.rateLimitPerMinute()), request.live());
        return Response.status(Response.Status.CREATED).entity(NewKeyView.of(created)).build();
    }

    @DELETE
    @Path("/{id}")
    @Blocking
    @Idempotent
    @Operation(operationId = "revokeApiKey", summary = "Revoke one of your tenant's keys", description = "Scope keys:write. Another tenant's key is 404, "
            + "like a missing one; a key holding a scope the calling key lacks is 403 grant-exceeds-key; revoking a revoked key again is 204. The calling key may revoke itself: this answer is "
            + "still 204, its next request 401. Effective at once on this replica; another replica may accept the key for up to "
            + "realskin.auth.cache-ttl (2 s) more, but never to create or revoke keys (those re-read the calling key). With "
            + "descendants=true, also every key created from it, directly or through keys created from those (a leaked key's "
            + "keys): 200 with the ids revoked now. Honours Idempotency-Key.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "200", description = "Revoked with its descendants (descendants=true)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevokedKeysView.class),
            examples = @ExampleObject(name = "revoked", value = ApiExamples.REVOKED_KEYS)))
    @APIResponse(responseCode = "403", description = "The key lacks keys:write, or the key to revoke holds a scope it lacks",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "grant-exceeds-key", value = ApiExamples.PROBLEM_GRANT_EXCEEDS_KEY),
                    @ExampleObject(name = "insufficient-scope", value = ApiExamples.PROBLEM_FORBIDDEN)}))
    @RequiresScope(Scopes.KEYS_WRITE)
    public Response revoke(@PathParam("id") String id,
                           @QueryParam("descendants") @Parameter(description = "true: also the keys created from it", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) String descendants) {
        String keyId = Params.pathId("API key", id);
        if (Params.flag("descendants", descendants)) {
            return Response.ok(new RevokedKeysView(own.revokeWithDescendants(caller.get(), keyId))).build();
        }
        own.revoke(caller.get(), keyId);
        return Response.noContent().build();
    }
}
