package io.realskin.gateway.tenants;

import io.realskin.contracts.Identifiers;
import io.realskin.gateway.auth.AdminAudit;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.idempotency.Idempotent;
import io.realskin.gateway.images.StorageQuota;
import io.realskin.gateway.jobs.CanceledJobs;
import io.realskin.gateway.jobs.JobView;
import io.realskin.gateway.keys.ApiKeyResource.KeyPage;
import io.realskin.gateway.keys.KeyListing;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.Cursors;
import io.realskin.gateway.rest.Params;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

/**
 * Operators create tenants, find them, suspend or resume them, cancel their jobs (docs/api.md, "Suspending a
 * tenant") and erase them ("Erasing a tenant"). One class owns {@code /v1/admin/tenants}: a second one on the same
 * path would shadow this one's methods.
 */
@Path("/v1/admin/tenants")
@Tag(name = "Admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminTenantResource {
    private static final int MAX_QUERY_LENGTH = 200;

    private final TenantService tenants;
    private final TenantDirectory directory;
    private final TenantSuspension suspension;
    private final TenantJobCancels cancels;
    private final TenantErasure erasure;
    private final TenantErasureRepository erasures;
    private final StorageQuota quota;
    private final TenantRepository tenantRows;
    private final KeyListing keys;
    private final CallerContext caller;
    private final AdminAudit audit;
    private final int maxPageSize;

    public AdminTenantResource(TenantService tenants, TenantDirectory directory, TenantSuspension suspension, TenantJobCancels cancels,
                               TenantErasure erasure, TenantErasureRepository erasures, StorageQuota quota, TenantRepository tenantRows,
                               KeyListing keys, CallerContext caller, AdminAudit audit, GatewayConfig config) {
        this.tenants = tenants;
        this.directory = directory;
        this.suspension = suspension;
        this.cancels = cancels;
        this.erasure = erasure;
        this.erasures = erasures;
        this.quota = quota;
        this.tenantRows = tenantRows;
        this.keys = keys;
        this.caller = caller;
        this.audit = audit;
        this.maxPageSize = config.jobs().maxPageSize();
    }

    public record TenantRequest(@NotBlank @Size(max = 200) @Pattern(regexp = Identifiers.LABEL_REGEX, message = Identifiers.LABEL_MESSAGE) String name, String plan) {
    }

    public record TenantView(String id, String name, String plan) {
    }

    public record SuspendRequest(@Schema(description = "why, for operators: shown to admin keys only, never to the tenant")
                                 @NotBlank @Size(max = 500) @Pattern(regexp = Identifiers.TEXT_REGEX,
                                         message = "must not hold control characters") String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Idempotent
    @Operation(operationId = "createTenant", summary = "Create a tenant (and its billing account on the given plan)", description = "Scope admin. "
            + "Plans: free, pro, creator, ultimate. Honours Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "tenant",
            value = ApiExamples.TENANT_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = HttpHeaders.LOCATION, description = "the tenant, /v1/admin/tenants/{id}", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantView.class), examples = @ExampleObject(name = "tenant", value = ApiExamples.TENANT)))
    @RequiresScope(Scopes.ADMIN)
    public Response createTenant(@Valid @NotNull TenantRequest request) {
        String plan = request.plan() == null ? "free" : request.plan();
        String id = tenants.createTenant(request.name(), plan);
        audit.done("tenant-created", id, "plan", plan);
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/v1/admin/tenants/" + id)
                .entity(new TenantView(id, request.name(), plan)).build();
    }

    @GET
    @Operation(operationId = "listTenants", summary = "Tenants, newest first", description = "Scope admin. Cursor pagination: pass nextCursor as cursor for "
            + "the next page. q: a tenant id (exact) or the start of its name (any case); a blank q is 400, leave it out for every tenant.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantPage.class), examples = @ExampleObject(name = "page", value = ApiExamples.TENANT_PAGE)))
    @RequiresScope(Scopes.ADMIN)
    public Uni<TenantPage> list(@QueryParam("q") String q, @QueryParam("cursor") String cursor, @Parameter(description = Params.LIMIT_DOC,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("limit") String limit) {
        int size = Params.pageSize(limit, 20, maxPageSize);
        // a blank q is no search for every tenant, as a blank ?after= is no "from the start": refused, not taken as absent
        if (q != null && q.isBlank()) {
            throw Problems.invalidField("q", "q is blank: give a tenant id or the start of a name, or leave it out for every tenant");
        }
        String query = q == null ? null : q.trim();
        if (query != null && (query.length() > MAX_QUERY_LENGTH || Identifiers.hasControlCharacters(query))) {
            throw Problems.invalidField("q", "q must be at most " + MAX_QUERY_LENGTH + " characters, without control characters");
        }
        Cursors.Position after = cursor == null ? null : Cursors.decode(cursor);
        return directory.list(query, after == null ? null : after.createdAt(), after == null ? null : after.id(), size)
                .map(page -> new TenantPage(page, Cursors.next(page, size, TenantSummary::createdAt, TenantSummary::id)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTenant", summary = "A tenant, with its unfinished jobs and stored images", description = "Scope admin. While it is "
            + "erasing, erasureLeft counts the rows its erasure has still to remove; an erased tenant is its tombstone (no name).")
    @APIResponse(responseCode = "200", description = "The tenant", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantDetails.class), examples = @ExampleObject(name = "tenant",
            value = ApiExamples.TENANT_DETAILS)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RequiresScope(Scopes.ADMIN)
    public Uni<TenantDetails> get(@PathParam("id") String id) {
        String tenantId = Params.pathId("tenant", id);
        return directory.find(tenantId).chain(found -> {
            TenantDirectory.Found f = found.orElseThrow(() -> Problems.notFound("tenant", tenantId));
            Uni<TenantErasureRepository.Left> left = TenantSummary.ERASING.equals(f.tenant().status()) ? erasures.left(tenantId)
                    : Uni.createFrom().nullItem();
            return left.map(l -> TenantDetails.of(f.tenant(), f.unfinishedJobs(), quota.usage(f.usedBytes(), f.images()), l));
        });
    }

    @DELETE
    @Path("/{id}")
    @Blocking
    @Idempotent
    @Operation(operationId = "eraseTenant", summary = "Erase a suspended tenant: its images, profiles, jobs, webhooks, keys and stored answers, for good",
            description = "Scope admin. Irreversible, so the tenant must be suspended first (POST /v1/admin/tenants/{id}/suspend) "
            + "and have no queued or running job (POST /v1/admin/tenants/{id}/jobs/cancel). Marks it erasing and answers 202 at "
            + "once; a sweep on every replica then removes its data in batches (realskin.tenants.erasure-batch-size) and asks billing "
            + "to close its account, and the tenant becomes a tombstone: status erased, erasedAt, no name, the id never reused. Poll "
            + "GET /v1/admin/tenants/{id} (erasureLeft). Again while erasing: 202, once erased: 200, the tenant as it is; nothing "
            + "starts twice. The administrators' tenant is never erased. Honours Idempotency-Key. See docs/api.md, \"Erasing a tenant\".")
    @APIResponse(responseCode = "202", description = "Erasing", headers = @Header(name = HttpHeaders.LOCATION,
            description = "the tenant, to poll", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantSummary.class),
                    examples = @ExampleObject(name = "erasing", value = ApiExamples.TENANT_ERASING)))
    @APIResponse(responseCode = "200", description = "Erased already", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantSummary.class), examples = @ExampleObject(name = "erased", value = ApiExamples.TENANT_ERASED)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "not-found", value = ApiExamples.PROBLEM_TENANT_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The administrators' tenant, a tenant not suspended, one with queued or running "
            + "jobs, or a replayed Idempotency-Key still running", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "tenant-not-erasable", value = ApiExamples.PROBLEM_TENANT_NOT_ERASABLE),
                    @ExampleObject(name = "tenant-not-suspended", value = ApiExamples.PROBLEM_TENANT_NOT_SUSPENDED),
                    @ExampleObject(name = "tenant-has-unfinished-jobs", value = ApiExamples.PROBLEM_TENANT_HAS_UNFINISHED_JOBS),
                    @ExampleObject(name = "idempotency-in-progress", value = ApiExamples.PROBLEM_IDEMPOTENCY_RUNNING)}))
    @RequiresScope(Scopes.ADMIN)
    public Response erase(@PathParam("id") String id) {
        String tenantId = Params.pathId("tenant", id);
        TenantSummary tenant = erasure.request(tenantId, caller.get().keyId());
        audit.done("tenant-erasure-asked", tenantId, "status", tenant.status());
        return Response.status(TenantSummary.ERASED.equals(tenant.status()) ? Response.Status.OK : Response.Status.ACCEPTED)
                .header(HttpHeaders.LOCATION, "/v1/admin/tenants/" + tenantId).entity(tenant).build();
    }

    @GET
    @Path("/{id}/api-keys")
    @Operation(operationId = "listTenantApiKeys", summary = "A tenant's API keys, masked, newest first", description = "Scope admin. What the tenant's own "
            + "GET /v1/api-keys shows it (ids, names, hints, scopes, dates, createdBy; never a key or its hash), for any "
            + "tenant: find the id of a key to revoke with DELETE /v1/admin/api-keys/{id}. state: active, inactive or all "
            + "(the default); cursor pagination as the other lists.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KeyPage.class), examples = @ExampleObject(name = "page", value = ApiExamples.KEY_PAGE)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "not-found", value = ApiExamples.PROBLEM_TENANT_NOT_FOUND)))
    @RequiresScope(Scopes.ADMIN)
    public Uni<KeyPage> keys(@PathParam("id") String id,
                             @QueryParam("state") @Parameter(description = "active, inactive or all (the default)",
                                     schema = @Schema(type = SchemaType.STRING, enumeration = {"active", "inactive", "all"}, defaultValue = "all")) String state,
                             @QueryParam("cursor") String cursor, @Parameter(description = Params.LIMIT_DOC,
                                             schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
                                     @QueryParam("limit") String limit) {
        String tenantId = Params.pathId("tenant", id);
        Uni<KeyPage> page = keys.page(tenantId, state, cursor, limit); // refuses bad parameters before the database is asked
        return tenantRows.exists(tenantId).chain(exists -> exists ? page : Uni.createFrom().failure(Problems.notFound("tenant", tenantId)));
    }

    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Idempotent
    @Operation(operationId = "suspendTenant", summary = "Suspend a tenant: every one of its keys is refused 403 tenant-suspended", description = "Scope admin. "
            + "The keys are left as they are, so resuming restores access as it was; the tenant's queued and running jobs "
            + "finish and their webhooks are delivered unless an operator cancels them (POST /v1/admin/tenants/{id}/jobs/cancel). "
            + "Effective at once on this replica, within realskin.auth.cache-ttl (2 s) on the others. A tenant already suspended "
            + "keeps its first suspension. The administrators' tenant (realskin.admin-tenant) is never suspended: 409 "
            + "tenant-not-suspendable. Honours Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "suspend",
            value = ApiExamples.SUSPEND_REQUEST)))
    @APIResponse(responseCode = "200", description = "The tenant, suspended", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantSummary.class), examples = @ExampleObject(name = "suspended",
            value = ApiExamples.TENANT_SUSPENDED)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The administrators' tenant, or a replayed Idempotency-Key still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "tenant-not-suspendable", value = ApiExamples.PROBLEM_TENANT_NOT_SUSPENDABLE),
                    @ExampleObject(name = "idempotency-in-progress", value = ApiExamples.PROBLEM_IDEMPOTENCY_RUNNING)}))
    @RequiresScope(Scopes.ADMIN)
    public Response suspend(@PathParam("id") String id, @Valid @NotNull SuspendRequest request) {
        return Response.ok(suspension.suspend(Params.pathId("tenant", id), request.reason(), caller.get().keyId())).build();
    }

    @POST
    @Path("/{id}/resume")
    @Blocking
    @Idempotent
    @Operation(operationId = "resumeTenant", summary = "Resume a suspended tenant: its keys work again as they were", description = "Scope admin. Effective "
            + "at once on this replica, within realskin.auth.cache-ttl (2 s) on the others; resuming an active tenant changes "
            + "nothing. Honours Idempotency-Key.")
    @APIResponse(responseCode = "200", description = "The tenant, active", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantSummary.class), examples = @ExampleObject(name = "active",
            value = ApiExamples.TENANT_ACTIVE)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The tenant is being erased or has been erased", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "tenant-erased", value = ApiExamples.PROBLEM_TENANT_ERASED)))
    @RequiresScope(Scopes.ADMIN)
    public Response resume(@PathParam("id") String id) {
        return Response.ok(suspension.resume(Params.pathId("tenant", id), caller.get().keyId())).build();
    }

    @POST
    @Path("/{id}/jobs/{jobId}/cancel")
    @Blocking
    @Idempotent
    @Operation(operationId = "cancelTenantJob", summary = "Cancel one of a tenant's jobs, as the tenant's own cancel would", description = "Scope admin. The "
            + "tenant may be suspended. A queued or running job (with a generate job's texture-pass step) ends canceled at "
            + "once, its error saying \"canceled by an operator\"; billing releases its hold when the CANCELED event reaches it, "
            + "and the tenant's webhook is sent. The cancel is logged with the admin key's id. Honours Idempotency-Key.")
    @APIResponse(responseCode = "200", description = "The canceled job, as the tenant sees it", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class),
            examples = @ExampleObject(name = "canceled", value = ApiExamples.JOB_CANCELED_BY_OPERATOR)))
    @APIResponse(responseCode = "404", description = "No such tenant, or no such job of the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The job has already ended, or a replayed Idempotency-Key still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "job-finished", value = ApiExamples.PROBLEM_JOB_FINISHED),
                    @ExampleObject(name = "idempotency-in-progress", value = ApiExamples.PROBLEM_IDEMPOTENCY_RUNNING)}))
    @RequiresScope(Scopes.ADMIN)
    public Response cancelJob(@PathParam("id") String id, @PathParam("jobId") String jobId) {
        return Response.ok(JobView.of(cancels.cancel(Params.pathId("tenant", id), Params.pathId("job", jobId), caller.get().keyId())))
                .build();
    }

    @POST
    @Path("/{id}/jobs/cancel")
    @Blocking
    @Idempotent
    @Operation(operationId = "cancelTenantJobs", summary = "Cancel a tenant's queued and running jobs", description = "Scope admin. The tenant may be suspended "
            + "(stopping a runaway integration: suspend it, then cancel its jobs). Each job ends as its own cancel would end it "
            + "(POST /v1/admin/tenants/{id}/jobs/{jobId}/cancel), oldest first, at most " + TenantJobCancels.MAX_PER_CALL
            + " per call, each in its own transaction; more: true when unfinished jobs remain, so call again until it is false. "
            + "Again when none remain: canceled 0. Logged with the job ids and the admin key's id. Honours Idempotency-Key "
            + "(a replay answers the first call's result: send a new key for the next page).")
    @APIResponse(responseCode = "200", description = "What this call canceled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CanceledJobs.class), examples = @ExampleObject(name = "canceled",
            value = ApiExamples.JOBS_CANCELED)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RequiresScope(Scopes.ADMIN)
    public Response cancelJobs(@PathParam("id") String id) {
        return Response.ok(cancels.cancelUnfinished(Params.pathId("tenant", id), caller.get().keyId())).build();
    }
}
