package io.realskin.gateway.jobs;

import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.Params;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * A job's history of state changes: as server-sent events that follow the job to its end, or as a JSON page, chosen by
 * the request's Accept: every answer says {@code Vary: Accept}, so that no cache hands the one to a request for the other. The
 * promise (docs/api.md): every change, in the order the gateway applied it, each once, {@code queued} first and the
 * ending event last; the event id is the change's sequence, so a client that resumes with Last-Event-ID misses none.
 */
@Path("/v1/jobs/{id}/events")
@Tag(name = "Jobs")
public class JobEventsResource {
    /** realskin.database.timeout: how long a stream's reads of the job and its history wait for the database. */
    private final Duration dbTimeout;
    /** JSON when asked for by name; a client that names no media type gets the stream, as it always has. */
    private static final String JSON_BELOW_EVENTS = MediaType.APPLICATION_JSON + ";qs=0.5";
    private static final String SUMMARY = "A job's state changes: server-sent events, or the history as JSON";
    private static final String DESCRIPTION = "Every change of the job, in the order the gateway applied it, each once: queued "
            + "first, then started, each progress, and last completed, failed or canceled. As text/event-stream (the default) "
            + "the stream follows the job and ends after the last event; each event's id is its sequence in the job's history "
            + "and its data the job right after it. A stream also ends, without a last event, after "
            + "realskin.jobs.sse.max-duration (15 min): reconnect with Last-Event-ID to go on (204 when nothing follows it any "
            + "more). Comment lines keep idle streams open. At most realskin.jobs.sse.max-streams-per-key (20) open streams "
            + "per key and replica; one more is 429 too-many-streams. A stream whose key is revoked or expires, or whose tenant is "
            + "suspended, ends likewise (at once on the replica that revoked or suspended, within realskin.auth.cache-ttl, 2 s, on "
            + "the others), and its reconnect is 401 or 403. As application/json: a page of the history, oldest "
            + "first (after, limit; pass nextAfter as after). Scope jobs:read.";

    private final JobQueryService query;
    private final JobHistoryRepository history;
    private final JobWatch watch;
    private final StreamSlots slots;
    private final StreamAccess access;
    private final CallerContext caller;
    private final GatewayConfig config;

    public JobEventsResource(JobQueryService query, JobHistoryRepository history, JobWatch watch, StreamSlots slots,
                             StreamAccess access, CallerContext caller, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.query = query;
        this.history = history;
        this.watch = watch;
        this.slots = slots;
        this.access = access;
        this.caller = caller;
        this.config = config;
    }

    /** A page of a job's history, oldest first. */
    public record JobEventPage(List<JobEventView> items,
                               @Schema(nullable = true, description = "pass back as after for the next page; null when this page is not full") Integer nextAfter) {
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON) // each event's data; set per event, it wrote a content-type: line
    @Blocking
    @Operation(operationId = "getJobEvents", summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The job's changes", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            examples = @ExampleObject(name = "stream", value = ApiExamples.SSE_STREAM)))
    @APIResponse(responseCode = "204", description = "Resumed after the job's last event: nothing more will come")
    @APIResponse(responseCode = "429", description = "Too many open streams for this key", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "too-many-streams", value = ApiExamples.PROBLEM_TOO_MANY_STREAMS)))
    @ResponseHeader(name = HttpHeaders.VARY, value = HttpHeaders.ACCEPT)
    @RequiresScope(Scopes.JOBS_READ)
    public Multi<OutboundSseEvent> stream(@PathParam("id") String rawId,
                                          @Parameter(description = "the id of the last event received: resume after it")
                                          @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Context HttpHeaders headers, @Context Sse sse) {
        Caller who = caller.get();
        String id = Params.pathId("job", rawId);
        int after = sequence(lastEventId, "Last-Event-ID");
        Job job = query.get(who.tenantId(), id).await().atMost(dbTimeout); // 404 before the stream starts
        if (after > 0) {
            int newest = history.latest(List.of(id)).await().atMost(dbTimeout).getOrDefault(id, 0);
            if (after >= newest && job.status().terminal()) {
                throw new WebApplicationException(Response.noContent().build()); // tells an EventSource to stop reconnecting
            }
            // no event of the job has this id yet: a stream after it would wait for the job's end in vain (it ends on
            // reading the ending event, which lies before it) with keep-alives alone until its maximum duration
            if (after > newest) {
                throw Problems.invalidField("Last-Event-ID", "Last-Event-ID " + after + " is no event of this job: its newest is " + newest);
            }
        }
        Runnable release = slots.take(who.keyId(), who.tenantId());
        OutboundSseEvent end = sse.newEventBuilder().comment("end").build();
        Multi<OutboundSseEvent> changes = watch.changes(who.tenantId(), id, after)
                .map(change -> sse.newEventBuilder().name(change.event()).id(String.valueOf(change.sequence()))
                        .data(JobView.class, JobView.of(change.job())).build())
                .onCompletion().continueWith(end);
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.jobs().sse().heartbeat())
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        // the key revoked or expired, its tenant suspended: the stream ends as at its maximum duration, and the reconnect
        // gets the problem (an event of its own would break the promise that every event's data is the job)
        Multi<OutboundSseEvent> refused = access.refusal(headers.getHeaderString(HttpHeaders.AUTHORIZATION)).map(problem -> end);
        return Multi.createBy().merging().streams(changes, heartbeats, refused)
                .select().first(event -> event != end) // the heartbeats and the checks stop with the changes
                .onTermination().invoke(release);
    }

    /**
     * A HEAD of the stream: the GET's status and type, and no stream. Without it JAX-RS ran the GET for a HEAD (with no
     * Accept, the stream): the HEAD took one of the key's stream slots and its answer, which carries no body, ended only
     * with the job or the stream's maximum duration, holding the connection until then.
     */
    @HEAD
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<Response> streamHeaders(@PathParam("id") String rawId) {
        return query.get(caller.get().tenantId(), Params.pathId("job", rawId))
                .map(job -> Response.ok().type(MediaType.SERVER_SENT_EVENTS).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build());
    }

    /** A HEAD of the JSON history: the GET's headers (its length included), as JAX-RS answers a HEAD of a GET. */
    @HEAD
    @Produces(JSON_BELOW_EVENTS)
    @Operation(hidden = true)
    @ResponseHeader(name = HttpHeaders.VARY, value = HttpHeaders.ACCEPT)
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<JobEventPage> listHeaders(@PathParam("id") String rawId, @QueryParam("after") String after,
                                         @Parameter(description = Params.LIMIT_DOC,
                                                 schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "100"))
                                         @QueryParam("limit") String limit) {
        return list(rawId, after, limit);
    }

    @GET
    @Produces(JSON_BELOW_EVENTS) // one operation in the OpenAPI document with the stream: the same annotations
    @Operation(operationId = "getJobEvents", summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The job's changes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobEventPage.class), examples = @ExampleObject(name = "history", value = ApiExamples.JOB_EVENTS)))
    @ResponseHeader(name = HttpHeaders.VARY, value = HttpHeaders.ACCEPT)
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<JobEventPage> list(@PathParam("id") String rawId,
                                  @Parameter(description = "only changes after this sequence (default 0: from the start)")
                                  @QueryParam("after") String after,
                                  @Parameter(description = Params.LIMIT_DOC,
                                          schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "100"))
                                  @QueryParam("limit") String limit) {
        String tenant = caller.get().tenantId();
        String id = Params.pathId("job", rawId);
        int size = Params.pageSize(limit, config.jobs().maxPageSize(), config.jobs().maxPageSize());
        int from = sequence(after, "after");
        return query.get(tenant, id).chain(job -> history.after(tenant, id, from, size)).map(changes -> new JobEventPage(
                changes.stream().map(JobEventView::of).toList(),
                changes.size() < size ? null : changes.get(changes.size() - 1).sequence()));
    }

    /**
     * A sequence number from a header or parameter; absent is 0, before the first change. A blank Last-Event-ID is none
     * (an EventSource with no last id); a blank {@code after} is refused as any other value that is no number (it was 0).
     */
    private static int sequence(String value, String name) {
        if (value == null || value.isBlank() && name.equals("Last-Event-ID")) {
            return 0;
        }
        if (!value.strip().matches("[0-9]{1,9}")) {
            throw Problems.invalidField(name, name + " must be the id of an event of this stream (a number)");
        }
        return Integer.parseInt(value.strip());
    }
}
