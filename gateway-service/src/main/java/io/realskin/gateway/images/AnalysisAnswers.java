package io.realskin.gateway.images;

import io.realskin.contracts.JobTypes;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.Scopes;
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

/** {@code GET /v1/images/{id}/analysis}: the latest analyze job's result, or a new analyze job. Blocking. */
@ApplicationScoped
public class AnalysisAnswers {
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final ImageRepository images;
    private final JobRepository jobs;
    private final JobService submit;
    private final JobQueryService query;
    private final JobWaits waits;

    public AnalysisAnswers(ImageRepository images, JobRepository jobs, JobService submit, JobQueryService query, JobWaits waits) {
        this.images = images;
        this.jobs = jobs;
        this.submit = submit;
        this.query = query;
        this.waits = waits;
    }

    Response analysis(Caller caller, String imageId, List<String> prefer) {
        String tenant = caller.tenantId();
        images.find(tenant, imageId).await().atMost(DB_TIMEOUT).orElseThrow(() -> Problems.notFound("image", imageId));
        Optional<Job> latest = jobs.latestAnalysis(tenant, imageId).await().atMost(DB_TIMEOUT);
        Job job;
        if (latest.isPresent() && latest.get().status() != JobStatus.FAILED && latest.get().status() != JobStatus.CANCELED) {
            job = latest.get();
        } else {
            if (!caller.has(Scopes.JOBS_WRITE)) {
                throw Problems.forbidden(Scopes.JOBS_WRITE);
            }
            String jobId = submit.submit(tenant, new JobSubmission(JobTypes.ANALYZE, imageId, null, null, null, null, null, null,
                    null, null, null, null, null));
            job = query.get(tenant, jobId).await().atMost(DB_TIMEOUT);
        }
        JobWaits.Waited waited = waits.await(tenant, job, prefer);
        job = waited.job();
        AnalysisView view = AnalysisView.of(imageId, job);
        Response.ResponseBuilder response = job.status() == JobStatus.COMPLETED ? Response.ok(view)
                : Response.accepted(view).header(HttpHeaders.LOCATION, "/v1/jobs/" + job.id()).header("Retry-After", "2");
        if (waited.applied() > 0) {
            response.header("Preference-Applied", "wait=" + waited.applied());
        }
        return response.build();
    }
}
