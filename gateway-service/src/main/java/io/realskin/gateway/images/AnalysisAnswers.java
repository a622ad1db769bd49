package io.realskin.gateway.images;

import io.realskin.contracts.JobTypes;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.jobs.Job;
import io.realskin.gateway.jobs.JobStatus;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.jobs.JobRepository;
import io.realskin.gateway.jobs.JobSubmission;
import io.realskin.gateway.jobs.JobQueryService;
import io.realskin.gateway.jobs.JobService;
import io.realskin.gateway.jobs.JobWaits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/images/{id}/analysis}: the image's latest analyze job, whatever its state, or a new analyze job when the
 * image has none. A failed or canceled analysis is answered as it is, not started again: a GET that started a new job
 * after each failure made every read of an image whose analysis always fails (a poller, a link checker) another job.
 * A new analysis after one ended is a {@code POST /v1/jobs} of type analyze, which the GET then follows. Blocking.
 */
@ApplicationScoped
public class AnalysisAnswers {
    /** realskin.database.timeout: how long an analysis read waits for the database. */
    private final Duration dbTimeout;

    private final ImageRepository images;
    private final JobRepository jobs;
    private final JobService submit;
    private final JobQueryService query;
    private final JobWaits waits;

    public AnalysisAnswers(ImageRepository images, JobRepository jobs, JobService submit, JobQueryService query, JobWaits waits,
                           GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.images = images;
        this.jobs = jobs;
        this.submit = submit;
        this.query = query;
        this.waits = waits;
    }

    Response analysis(Caller caller, String imageId, List<String> prefer) {
        String tenant = caller.tenantId();
        Job job = latestJob(tenant, imageId).orElseGet(() -> start(caller, imageId));
        JobWaits.Waited waited = waits.await(tenant, job, prefer);
        Response.ResponseBuilder response = answer(imageId, waited.job());
        if (waited.applied() > 0) {
            response.header("Preference-Applied", "wait=" + waited.applied());
        }
        return response.build();
    }

    /**
     * What the GET answers now, for a HEAD: without starting an analysis or waiting. A HEAD changes nothing (RFC 9110
     * 9.3.2, a safe method: link checkers and prefetchers send them freely), while the GET starts a billed analyze job
     * when the image has no current one; then the HEAD is 404.
     */
    Response withoutStarting(Caller caller, String imageId) {
        Job job = latestJob(caller.tenantId(), imageId)
                .orElseThrow(() -> Problems.notFound("analysis of image", imageId + " (a GET starts one)"));
        return answer(imageId, job).build();
    }

    /** The image's latest analyze job, ended or not; 404 for an image the tenant does not have. */
    private Optional<Job> latestJob(String tenant, String imageId) {
        images.find(tenant, imageId).await().atMost(dbTimeout).orElseThrow(() -> Problems.notFound("image", imageId));
        return jobs.latestAnalysis(tenant, imageId).await().atMost(dbTimeout);
    }

    private Job start(Caller caller, String imageId) {
        if (!caller.has(Scopes.JOBS_WRITE)) {
            throw Problems.forbidden(Scopes.JOBS_WRITE);
        }
        String jobId = submit.submit(caller.tenantId(), caller.keyId(), new JobSubmission(JobTypes.ANALYZE, imageId, null, null, null, null,
                null, null, null, null, null, null, null));
        return query.get(caller.tenantId(), jobId).await().atMost(dbTimeout);
    }

    /**
     * 200 with the score, else 202 with the job. Retry-After only while the job is queued or running: one that failed
     * or was canceled has nothing more to wait for, and asking again answers the same job.
     */
    static Response.ResponseBuilder answer(String imageId, Job job) {
        AnalysisView view = AnalysisView.of(imageId, job);
        Response.ResponseBuilder response = job.status() == JobStatus.COMPLETED ? Response.ok(view)
                : Response.accepted(view).header(HttpHeaders.LOCATION, "/v1/jobs/" + job.id());
        if (!job.status().terminal()) {
            response.header("Retry-After", "2");
        }
        return response.header(HttpHeaders.VARY, JobWaits.VARY); // the HEAD's too: it answers the GET's headers
    }
}
