package io.realskin.gateway.rest;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A bare endpoint (no key, no database): a liveness probe for load balancers and the baseline of bench/gateway. */
@Path("/ping")
@Tag(name = "Health")
public class PingResource {
    @GET
    @NonBlocking
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "ping", summary = "pong")
    public String ping() {
        return "pong";
    }
}
