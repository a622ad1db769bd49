package io.realskin.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobProgress;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.domain.Ids;
import io.realskin.gateway.domain.Image;
import io.realskin.gateway.domain.JobStatus;
import io.realskin.gateway.repository.ImageRepository;
import io.realskin.gateway.repository.JobRepository;
import io.realskin.gateway.repository.ProcessedEventRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Applies job.events to the job registry, once per event id (inbox row and effect in one transaction). Events for
 * jobs this gateway does not know are skipped; a job that has ended does not change again.
 */
@ApplicationScoped
public class JobEventService {
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(15);

    private final Pool pool;
    private final JobRepository jobs;
    private final ImageRepository images;
    private final ProcessedEventRepository processed;
    private final BlobStore blobs;

    public JobEventService(Pool pool, JobRepository jobs, ImageRepository images, ProcessedEventRepository processed,
                           BlobStore blobs) {
        this.pool = pool;
        this.jobs = jobs;
        this.images = images;
        this.processed = processed;
        this.blobs = blobs;
    }

    /** Blocking: reads the result blob to register it as an image. */
    public void apply(EventEnvelope event) {
        Image result = EventTypes.COMPLETED.equals(event.type()) ? resultImage(event) : null;
        pool.withTransaction(tx -> processed.markProcessed(tx, event.eventId()).chain(isNew -> isNew
                        ? jobs.statusForUpdate(tx, event.jobId()).chain(status -> status.isEmpty() || status.get().terminal()
                                ? Uni.createFrom().voidItem() : effect(tx, event, status.get(), result))
                        : Uni.createFrom().voidItem()))
                .await().atMost(DB_TIMEOUT);
    }

    private Uni<Void> effect(SqlClient tx, EventEnvelope event, JobStatus status, Image result) {
        return switch (event.type()) {
            case EventTypes.STARTED -> jobs.markRunning(tx, event.jobId(), "started", 0);
            case EventTypes.PROGRESS -> {
                JobProgress progress = event.payloadAs(JobProgress.class);
                yield jobs.markRunning(tx, event.jobId(), progress.stage(), progress.percent());
            }
            case EventTypes.COMPLETED -> {
                ObjectNode view = EventJson.MAPPER.valueToTree(event.payloadAs(JobCompleted.class));
                view.remove("resultKey");
                Uni<Void> register = Uni.createFrom().voidItem();
                if (result != null) {
                    view.put("imageId", result.id());
                    register = images.insert(tx, result);
                }
                yield register.chain(() -> jobs.finish(tx, event.jobId(), JobStatus.COMPLETED, view, null));
            }
            case EventTypes.FAILED -> jobs.finish(tx, event.jobId(), JobStatus.FAILED, null,
                    EventJson.MAPPER.valueToTree(event.payloadAs(JobFailed.class)));
            case EventTypes.CANCELED -> jobs.finish(tx, event.jobId(), JobStatus.CANCELED, null,
                    EventJson.MAPPER.valueToTree(event.payloadAs(JobFailed.class)));
            default -> Uni.createFrom().voidItem();
        };
    }

    private Image resultImage(EventEnvelope event) {
        JobCompleted completed = event.payloadAs(JobCompleted.class);
        if (completed.resultKey() == null) {
            return null;
        }
        try {
            byte[] bytes = blobs.get(completed.resultKey())
                    .orElseThrow(() -> new IllegalStateException("result blob " + completed.resultKey() + " is missing"));
            return new Image(Ids.image(), event.tenantId(), completed.resultKey(), completed.contentType(), completed.width(),
                    completed.height(), bytes.length, BlobKeys.sha256Hex(bytes), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
