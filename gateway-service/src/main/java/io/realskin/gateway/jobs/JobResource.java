package io.realskin.gateway.jobs;

import io.realskin.contracts.JobTypes;
import io.realskin.contracts.billing.BillingExamples;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.idempotency.Idempotent;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.OpenApiProblems;
import io.realskin.gateway.rest.Cursors;
import io.realskin.gateway.rest.Params;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/jobs")
@Tag(name = "Jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    private final JobService submit;
    private final JobQuotes quotes;
    private final JobQueryService query;
    private final JobWaits waits;
    private final JobRepository jobs;
    private final CallerContext caller;
    private final GatewayConfig config;

    public JobResource(JobService submit, JobQuotes quotes, JobQueryService query, JobWaits waits, JobRepository jobs,
                       CallerContext caller, GatewayConfig config) {
        this.submit = submit;
        this.quotes = quotes;
        this.query = query;
        this.waits = waits;
        this.jobs = jobs;
        this.caller = caller;
        this.config = config;
    }

    private static final String CREATED_BY = "only the jobs this API key (key_…) submitted; a key the tenant does not have "
            + "matches none";

    public record JobPage(List<JobView> items,
                          @Schema(nullable = true, description = "pass back as cursor for the next page; null on the last") String nextCursor) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Idempotent
    @Extension(name = OpenApiProblems.CHECKS_WEBHOOK_URL, value = "true")
    @Operation(operationId = "submitJob", summary = "Submit a job", description = "Quotes the job and holds its credits at billing, then queues it. "
            + "202 with the queued job. With Prefer: wait=N (N <= 60) the answer waits up to N seconds and returns the "
            + "finished job (200) when it ends in time. A tenant has at most its plan's number of queued or running jobs "
            + "(free 5, pro 25, creator 50, ultimate 100; a canceled job counts until its worker has stopped on it): one "
            + "more is 429 too-many-jobs. A generate or skin-inpaint job "
            + "whose model's provider is not configured on this deployment is 409 model-unavailable, before any hold. "
            + "Scope jobs:write. Honours Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobSubmission.class),
            examples = {
                    @ExampleObject(name = "texture-restore", value = ApiExamples.JOB_TEXTURE),
                    @ExampleObject(name = "texture-restore, auto intensity", value = ApiExamples.JOB_TEXTURE_AUTO),
                    @ExampleObject(name = "texture-restore toward a reference photo", value = ApiExamples.JOB_TEXTURE_REFERENCE),
                    @ExampleObject(name = "skin-inpaint", value = ApiExamples.JOB_INPAINT),
                    @ExampleObject(name = "generate with texture pass", value = ApiExamples.JOB_GENERATE),
                    @ExampleObject(name = "analyze", value = ApiExamples.JOB_ANALYZE)}))
    @APIResponse(responseCode = "202", description = "Queued", headers = {@Header(name = HttpHeaders.LOCATION, description = "the job, /v1/jobs/{id}", schema = @Schema(type = SchemaType.STRING)), @Header(name = "Preference-Applied", description = "wait=N: the wait of Prefer it honoured", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobView.class), examples = @ExampleObject(name = "queued", value = ApiExamples.JOB_QUEUED)))
    @APIResponse(responseCode = "200", description = "Finished within Prefer: wait", headers = {@Header(name = HttpHeaders.LOCATION, description = "the job, /v1/jobs/{id}", schema = @Schema(type = SchemaType.STRING)), @Header(name = "Preference-Applied", description = "wait=N: the wait of Prefer it honoured", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobView.class), examples = @ExampleObject(name = "completed", value = ApiExamples.JOB_COMPLETED)))
    @APIResponse(responseCode = "404", description = "An image (or texture profile) the request names is not the tenant's, or "
            + "billing has no account for the tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "not-found", value = ApiExamples.PROBLEM_IMAGE_NOT_FOUND),
                    @ExampleObject(name = "no-billing-account", value = ApiExamples.PROBLEM_NO_BILLING_ACCOUNT)}))
    @APIResponse(responseCode = "403", description = "The key lacks the scope, its tenant is suspended, or the tenant's plan does "
            + "not include the job (billing's plan-excludes)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "plan-excludes", value = ApiExamples.PROBLEM_PLAN_EXCLUDES)))
    @APIResponse(responseCode = "402", description = "Not enough credits", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "insufficient-credits", value = BillingExamples.PROBLEM_INSUFFICIENT_CREDITS)))
    @APIResponse(responseCode = "409", description = "The job's image model has no provider configured on this deployment "
            + "(its catalogue entry is not available); nothing is held", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "model-unavailable", value = ApiExamples.PROBLEM_MODEL_UNAVAILABLE)))
    @APIResponse(responseCode = "422", description = "The mask paints less than a 32 x 32 px patch of the image; nothing is held",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "mask-too-small",
            value = ApiExamples.PROBLEM_MASK_TOO_SMALL)))
    @APIResponse(responseCode = "429", description = "Rate limit used up, or the plan's cap on unfinished jobs reached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "rate-limited", value = ApiExamples.PROBLEM_RATE_LIMITED),
                    @ExampleObject(name = "too-many-jobs", value = ApiExamples.PROBLEM_TOO_MANY_JOBS)}))
    @RequiresScope(Scopes.JOBS_WRITE)
    public Response create(@Valid @NotNull JobSubmission submission,
                           @Parameter(description = "wait=N: answer when the job ends, at most N (<= 60) seconds",
                                   schema = @Schema(type = SchemaType.STRING)) @HeaderParam("Prefer") List<String> prefer) {
        String tenant = caller.get().tenantId();
        String jobId = submit.submit(tenant, caller.get().keyId(), submission);
        return answer(tenant, jobId, prefer);
    }

    @POST
    @Path("/quote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Extension(name = OpenApiProblems.IGNORES_IDEMPOTENCY_KEY, value = "true")
    @Extension(name = OpenApiProblems.CHECKS_WEBHOOK_URL, value = "true")
    @Operation(operationId = "quoteJob", summary = "What a job would cost", description = "The body of POST /v1/jobs, checked the same way (its images "
            + "exist and fit, its webhook may be called, the model can do the job and its provider is configured: else 409 model-unavailable), priced with the current price list and judged by the tenant's plan. "
            + "Holds and writes nothing; a generate job's prompt is not enhanced for it. A generate job with texturePass has a "
            + "second step, the texture pass, estimated at the size the generation is planned for. Scope jobs:read.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobSubmission.class),
            examples = {
                    @ExampleObject(name = "texture-restore", value = ApiExamples.JOB_TEXTURE),
                    @ExampleObject(name = "generate with texture pass", value = ApiExamples.JOB_GENERATE)}))
    @APIResponse(responseCode = "200", description = "The quote", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobQuote.class), examples = @ExampleObject(name = "generate with texture pass",
            value = ApiExamples.JOB_QUOTE)))
    @APIResponse(responseCode = "404", description = "An image (or texture profile) the request names is not the tenant's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found",
            value = ApiExamples.PROBLEM_IMAGE_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The job's image model has no provider configured on this deployment "
            + "(its catalogue entry is not available); nothing is held", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "model-unavailable", value = ApiExamples.PROBLEM_MODEL_UNAVAILABLE)))
    @RequiresScope(Scopes.JOBS_READ)
    public JobQuote quote(@Valid @NotNull JobSubmission submission) {
        return quotes.quote(caller.get().tenantId(), submission);
    }

    /** 200 with the job when it has ended, else 202; waits first when the client asked for it ({@link JobWaits}). */
    Response answer(String tenant, String jobId, List<String> prefer) {
        JobWaits.Waited waited = waits.await(tenant, query.get(tenant, jobId).await().indefinitely(), prefer);
        Job job = waited.job();
        Response.ResponseBuilder response = job.status().terminal() ? Response.ok() : Response.accepted();
        if (waited.applied() > 0) {
            response.header("Preference-Applied", "wait=" + waited.applied());
        }
        return response.header(HttpHeaders.LOCATION, "/v1/jobs/" + jobId).header(HttpHeaders.VARY, JobWaits.VARY)
                .entity(JobView.of(job)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getJob", summary = "A job", description = "Scope jobs:read. Another tenant's job is 404.")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobView.class), examples = @ExampleObject(name = "completed", value = ApiExamples.JOB_COMPLETED)))
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<JobView> get(@PathParam("id") String id) {
        return query.get(caller.get().tenantId(), Params.pathId("job", id)).map(JobView::of);
    }

    @POST
    @Path("/{id}/cancel")
    @Blocking
    @Idempotent
    @Operation(operationId = "cancelJob", summary = "Cancel a job", description = "A queued or running job ends canceled at once; billing releases its "
            + "hold when the CANCELED event reaches it. A job that has ended is 409 job-finished. Scope jobs:write.")
    @APIResponse(responseCode = "200", description = "The canceled job", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobView.class), examples = @ExampleObject(name = "canceled", value = ApiExamples.JOB_CANCELED)))
    @APIResponse(responseCode = "409", description = "The job has already ended", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "job-finished", value = ApiExamples.PROBLEM_JOB_FINISHED)))
    @RequiresScope(Scopes.JOBS_WRITE)
    public Response cancel(@PathParam("id") String id) {
        String tenant = caller.get().tenantId();
        return Response.ok(JobView.of(submit.cancel(tenant, Params.pathId("job", id), CanceledBy.TENANT))).build();
    }

    @GET
    @Operation(operationId = "listJobs", summary = "Jobs, newest first", description = "Cursor pagination: pass nextCursor as cursor for the next page. "
            + "Filters: status, type, createdBy (the API key that submitted the job: a key of another tenant, or none, "
            + "matches no job). Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobPage.class), examples = @ExampleObject(name = "page", value = ApiExamples.JOB_PAGE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<JobPage> list(@Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"queued", "running", "completed", "failed",
                                     "canceled"})) @QueryParam("status") String status,
                             @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {JobTypes.TEXTURE_RESTORE, JobTypes.SKIN_INPAINT,
                                     JobTypes.GENERATE, JobTypes.ANALYZE, JobTypes.SOURCE_RESTORE})) @QueryParam("type") String type,
                             @Parameter(description = CREATED_BY) @QueryParam("createdBy") String createdBy,
                             @QueryParam("cursor") String cursor, @Parameter(description = Params.LIMIT_DOC,
                                             schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
                                     @QueryParam("limit") String limit) {
        String tenant = caller.get().tenantId();
        String key = Params.queryId("createdBy", createdBy);
        int size = Params.pageSize(limit, 20, config.jobs().maxPageSize());
        if (type != null && !JobTypes.ALL.contains(type)) {
            throw Problems.invalidField("type", "type must be one of " + String.join(", ", JobTypes.ALL));
        }
        if (status != null && Arrays.stream(JobStatus.values()).map(JobStatus::wire).noneMatch(status::equals)) {
            // as written: QUEUED matched no row (200, empty), where type's Analyze is 400
            throw Problems.invalidField("status", "status must be one of queued, running, completed, failed, canceled");
        }
        Cursors.Position after = cursor == null ? null : Cursors.decode(cursor);
        return jobs.list(tenant, status, type, key, after == null ? null : after.createdAt(), after == null ? null : after.id(), size)
                .map(page -> new JobPage(page.stream().map(JobView::of).toList(), Cursors.next(page, size, Job::createdAt, Job::id)));
    }
}
