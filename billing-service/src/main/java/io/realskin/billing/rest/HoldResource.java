package io.realskin.billing.rest;

import io.realskin.billing.service.HoldService;
import io.realskin.billing.service.Ids;
import io.realskin.contracts.billing.BillingExamples;
import io.realskin.contracts.billing.HoldRequest;
import io.realskin.contracts.billing.HoldState;
import io.realskin.contracts.billing.PlacedHold;
import io.realskin.support.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/** Credits reserved for a job at submission; captured or released by its terminal job event. */
@Path("/holds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HoldResource {
    private final HoldService holds;
    private final ServiceCaller caller;

    public HoldResource(HoldService holds, ServiceCaller caller) {
        this.holds = holds;
        this.caller = caller;
    }

    /**
     * 201 with a new hold; 200 with the job's existing hold and its status (a HELD one renewed, one past its TTL expired
     * now: HoldService#replay); 402 short of credits; 403 not in the plan.
     */
    @POST
    @APIResponse(responseCode = "201", description = "The new hold (200: the job's existing hold)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlacedHold.class)))
    @APIResponse(responseCode = "402", description = "Not enough credits", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "insufficient-credits", value = BillingExamples.PROBLEM_INSUFFICIENT_CREDITS)))
    public Uni<RestResponse<PlacedHold>> place(HoldRequest body) {
        HoldRequest b = Bodies.require(body);
        caller.requireTenant(b.tenantId());
        var work = Bodies.workload(b.quote(), "quote.");
        return holds.place(Ids.require("tenantId", b.tenantId()), Ids.require("jobId", b.jobId()), work).map(r -> {
            PlacedHold view = new PlacedHold(r.hold().holdId(), r.hold().jobId(), r.hold().tenantId(), r.hold().amount(), r.available(), r.held(),
                    r.hold().status().name());
            return r.created() ? RestResponse.status(RestResponse.Status.CREATED, view) : RestResponse.ok(view);
        });
    }

    @GET
    @Path("/{jobId}")
    public Uni<HoldState> get(@PathParam("jobId") String jobId) {
        return holds.get(Ids.require("jobId", jobId)).map(caller::requireOwn).map(Views::holdState);
    }

    /** Releases the hold of a job that will not run; a settled hold is returned as it is. */
    @DELETE
    @Path("/{jobId}")
    public Uni<HoldState> release(@PathParam("jobId") String jobId) {
        String id = Ids.require("jobId", jobId);
        return holds.get(id).map(caller::requireOwn).flatMap(own -> holds.release(id)).map(Views::holdState);
    }
}
