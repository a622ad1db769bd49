package io.realskin.gateway.keys;

import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.rest.ApiExamples;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/api-keys")
@Tag(name = "API keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    private final ApiKeyRepository keys;
    private final CallerContext caller;

    public ApiKeyResource(ApiKeyRepository keys, CallerContext caller) {
        this.keys = keys;
        this.caller = caller;
    }

    public record KeyView(String id, String name, String hint, Set<String> scopes, Instant createdAt, Instant expiresAt,
                          Instant revokedAt, Integer rateLimitPerMinute) {
    }

    @GET
    @Operation(summary = "Your tenant's API keys, masked", description = "Each key shows only its prefix and last six "
            + "characters (the checksum). Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "The keys", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "keys", value = ApiExamples.KEY_LIST)))
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<List<KeyView>> list() {
        String tenant = caller.get().tenantId();
        return keys.listByTenant(tenant).map(list -> list.stream()
                .map(k -> new KeyView(k.id(), k.name(), k.hint(), k.scopes(), k.createdAt(), k.expiresAt(), k.revokedAt(),
                        k.rateLimitPerMinute())).toList());
    }
}
