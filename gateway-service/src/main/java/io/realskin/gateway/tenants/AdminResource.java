package io.realskin.gateway.tenants;

import io.quarkus.vertx.http.Uncompressed;
import io.realskin.contracts.Identifiers;
import io.realskin.gateway.auth.AdminAudit;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.keys.ApiKeyService;
import io.realskin.gateway.keys.KeyMetrics;
import io.realskin.gateway.keys.KeySpec;
import io.realskin.gateway.keys.NewKey;
import io.realskin.gateway.keys.NewKeyView;
import io.realskin.gateway.keys.RevokedKeysView;
import io.realskin.gateway.keys.StoredKey;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.rest.OptionalNames;
import io.realskin.gateway.rest.Params;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.idempotency.Idempotent;

/** API keys made and revoked by operators; tenants are {@link AdminTenantResource}'s. */
@Path("/v1/admin")
@Tag(name = "Admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final ApiKeyService keys;
    private final CallerContext caller;
    private final AdminAudit audit;

    public AdminResource(ApiKeyService keys, CallerContext caller, AdminAudit audit) {
        this.keys = keys;
        this.caller = caller;
        this.audit = audit;
    }

    public record KeyRequest(@NotNull @Pattern(regexp = Identifiers.ID_REGEX, message = Identifiers.ID_MESSAGE) String tenantId,
                             @Schema(description = OptionalNames.DOC) @Size(max = 100) @Pattern(regexp = Identifiers.LABEL_REGEX, message = Identifiers.LABEL_MESSAGE) String name, @NotEmpty Set<@NotNull String> scopes, Boolean live,
                             Instant expiresAt,
                             @Schema(description = "Requests per minute; the tenant plan's limit when absent")
                             @Min(value = KeySpec.MIN_RATE, message = KeySpec.RATE_RANGE) @Max(value = KeySpec.MAX_RATE, message = KeySpec.RATE_RANGE)
                             Integer rateLimitPerMinute) {
        public KeyRequest {
            name = OptionalNames.orAbsent(name);
        }
    }

    @POST
    @Path("/api-keys")
    @Blocking
    @Idempotent
    @Operation(operationId = "adminCreateApiKey", summary = "Create an API key; the key is in this answer only", description = "Scope admin. Scopes: jobs:write, "
            + "jobs:read, billing:read, keys:write (the key may create and revoke its tenant's keys, never beyond itself), and "
            + "admin (in the admin tenant only). Not held to realskin.keys.max-active-per-tenant. Only the key's SHA-256 is stored. Honours "
            + "Idempotency-Key, but the answer holds the key, so it is never stored: a replay is 409 "
            + "idempotency-secret-not-replayable.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "partner key",
            value = ApiExamples.KEY_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewKeyView.class), examples = @ExampleObject(name = "key", value = ApiExamples.NEW_KEY)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "not-found", value = ApiExamples.PROBLEM_TENANT_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "Replayed Idempotency-Key: the answer held a secret and was not kept, or the first "
            + "request is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "idempotency-secret-not-replayable", value = ApiExamples.PROBLEM_SECRET_NOT_REPLAYABLE),
                    @ExampleObject(name = "idempotency-in-progress", value = ApiExamples.PROBLEM_IDEMPOTENCY_RUNNING),
                    @ExampleObject(name = "tenant-erased", value = ApiExamples.PROBLEM_TENANT_ERASED)}))
    @RequiresScope(Scopes.ADMIN)
    @Uncompressed // the answer holds a secret: never compressed (BREACH; docs/security.md)
    public Response createKey(@Valid @NotNull KeyRequest request) {
        NewKey created = keys.create(caller.get(), request.tenantId(), new KeySpec(request.name(), request.scopes(), request.expiresAt(),
                request.rateLimitPerMinute()), request.live() == null || request.live(), null, KeyMetrics.By.ADMIN);
        StoredKey made = created.stored();
        audit.done("api-key-created", made.tenantId(), "key", made.id(), "scopes", new TreeSet<>(made.scopes()), "live", made.live());
        return Response.status(Response.Status.CREATED).entity(NewKeyView.of(created)).build();
    }

    @DELETE
    @Path("/api-keys/{id}")
    @Blocking
    @Idempotent
    @Operation(operationId = "adminRevokeApiKey", summary = "Revoke an API key", description = "Scope admin. Effective at once on this replica, within "
            + "realskin.auth.cache-ttl (2 s) on the others. With descendants=true, also every key created from it, directly "
            + "or through keys created from those, in any tenant: 200 with the ids revoked now. Honours Idempotency-Key.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "200", description = "Revoked with its descendants (descendants=true)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevokedKeysView.class),
            examples = @ExampleObject(name = "revoked", value = ApiExamples.REVOKED_KEYS)))
    @RequiresScope(Scopes.ADMIN)
    public Response revokeKey(@PathParam("id") String id,
                              @QueryParam("descendants") @Parameter(description = "true: also the keys created from it", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) String descendants) {
        String keyId = Params.pathId("API key", id);
        if (Params.flag("descendants", descendants)) {
            return Response.ok(new RevokedKeysView(keys.revokeWithDescendants(caller.get(), keyId))).build();
        }
        StoredKey revoked = keys.revoke(keyId);
        audit.done("api-key-revoked", revoked.tenantId(), "key", revoked.id());
        return Response.noContent().build();
    }
}
