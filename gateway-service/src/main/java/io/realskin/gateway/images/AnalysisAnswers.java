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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /v1/images/{id}/analysis}: the latest analyze job's result, or a new analyze job. Blocking. */
@ApplicationScoped
public class AnalysisAnswers {
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern PREFER_WAIT = Pattern.compile("(?:^|[,;\\s])wait=(\\d{1,4})");

    private final ImageRepository images;
    private final JobRepository jobs;
    private final JobService submit;
    private final JobQueryService query;
    private final GatewayConfig config;

    public AnalysisAnswers(ImageRepository images, JobRepository jobs, JobService submit, JobQueryService query, GatewayConfig config) {
        this.images = images;
        this.jobs = jobs;
        this.submit = submit;
        this.query = query;
        this.config = config;
    }

    Response analysis(Caller caller, String imageId, String prefer) {
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
        int wait = preferredWait(prefer);
        if (wait > 0 && !job.status().terminal()) {
            job = query.awaitEnd(tenant, job.id(), Duration.ofSeconds(wait)).await().indefinitely();
        }
        AnalysisView view = AnalysisView.of(imageId, job);
        if (job.status() == JobStatus.COMPLETED) {
            return Response.ok(view).build();
        }
        return Response.accepted(view).header(HttpHeaders.LOCATION, "/v1/jobs/" + job.id()).header("Retry-After", "2").build();
    }

    private int preferredWait(String prefer) {
        if (prefer == null) {
            return 0;
        }
        Matcher m = PREFER_WAIT.matcher(prefer);
        return m.find() ? Math.min(Integer.parseInt(m.group(1)), config.jobs().maxWaitSeconds()) : 0;
    }
}
