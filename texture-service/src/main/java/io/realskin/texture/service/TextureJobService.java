package io.realskin.texture.service;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobProgress;
import io.realskin.contracts.JobStarted;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.contracts.blob.BlobTooLargeException;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.support.messaging.BlobStoreWait;
import io.realskin.support.messaging.OwnBlobs;
import io.realskin.support.messaging.PoisonRecordException;
import io.realskin.support.messaging.RequestAge;
import io.realskin.support.messaging.RequestReader;
import io.realskin.support.messaging.UnwantedResults;
import io.realskin.texture.config.WorkerConfig;
import io.realskin.texture.engine.TextureEngine;
import io.realskin.texture.messaging.JobEventPublisher;
import io.realskin.support.messaging.JobCancels;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One texture job: read the claim-checked images, process, store the result, report on job.events. A job canceled
 * while it waited (a CANCELED on job.events, {@link JobCancels}) is skipped: FAILED {@code canceled}, no engine run; one
 * canceled while it runs stops when the engine starts its next stage (detection, synthesis, encode), or once the engine
 * is done, before its result is stored: nothing stored.
 * Every blob key a request names must be its tenant's own ({@link OwnBlobs}), else FAILED {@code bad_request}, and is
 * read only up to the engine's byte limit, else FAILED {@code too_large} before a byte of it is read. Every call to the
 * blob store waits out an outage of the store ({@link BlobStoreWait}) instead of failing the job. A job that ends FAILED
 * (but {@code internal}) has a result an earlier step or run stored deleted first.
 */
@ApplicationScoped
public class TextureJobService {
    private static final Logger LOG = Logger.getLogger(TextureJobService.class);
    private final BlobStore blobs;
    private final TextureProcessor processor;
    private final JobEventPublisher events;
    private final CompletedJobs completedJobs;
    private final TextureMetrics metrics;
    private final RequestReader requests;
    private final JobCancels cancels;
    private final BlobStoreWait store;
    private final long maxInputBytes;
    private final Duration maxRequestAge;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName();

    public TextureJobService(BlobStore blobs, TextureProcessor processor, JobEventPublisher events,
                             CompletedJobs completedJobs, TextureMetrics metrics, JobCancels cancels, BlobStoreWait store,
                             TextureEngine engine, WorkerConfig config) {
        this.blobs = blobs;
        this.maxRequestAge = config.maxRequestAge();
        this.maxInputBytes = engine.limits().maxBytes();
        this.processor = processor;
        this.events = events;
        this.completedJobs = completedJobs;
        this.metrics = metrics;
        this.cancels = cancels;
        this.store = store;
        this.requests = new RequestReader(Topics.TEXTURE_REQUESTS, TextureRequest.class, "texture request", events, metrics::failed);
    }

    /**
     * Handles one record of texture.requests. Returns normally when the job COMPLETED or FAILED for a reason of its
     * own (a bad image); the record is then done.
     *
     * @throws PoisonRecordException after the FAILED event is out, for a record the dead-letter topic must keep
     * @throws RuntimeException after a FAILED {@code internal} event, for anything unexpected (dead-lettered too)
     */
    public void handle(String key, String value) {
        long started = System.nanoTime();
        EventEnvelope request = requests.read(key, value);
        TextureRequest texture = request.payloadAs(TextureRequest.class);
        try {
            Optional<EventEnvelope> done = store.call(request, "look up a stored result", () -> completedJobs.find(request));
            if (done.isPresent()) {
                events.publish(done.get());
                metrics.replayed();
                return;
            }
            if (cancels.isCanceled(request.tenantId(), request.jobId())) {
                metrics.canceled();
                end(request, FailureCodes.CANCELED, "canceled before it started; not worked");
                return;
            }
            Optional<String> tooOld = RequestAge.tooOld(request, maxRequestAge, Instant.now());
            if (tooOld.isPresent()) {
                end(request, FailureCodes.EXPIRED, tooOld.get());
                return;
            }
            events.publish(EventEnvelope.of(EventTypes.STARTED, request.tenantId(), request.jobId(), new JobStarted(worker)));
            var inputs = new TextureProcessor.TextureInputs(read(request, "imageKey", texture.imageKey()),
                    readOptional(request, "maskKey", texture.maskKey()), readOptional(request, "referenceKey", texture.referenceKey()),
                    readOptional(request, "profileKey", texture.profileKey()));
            var result = processor.process(request.tenantId(), texture, inputs, (stage, percent) -> {
                if (cancels.isCanceled(request.tenantId(), request.jobId())) throw new JobCanceledException(stage);
                events.publishWithoutWaiting(EventEnvelope.of(EventTypes.PROGRESS, request.tenantId(), request.jobId(),
                        new JobProgress(stage, percent)));
            });
            if (cancels.isCanceled(request.tenantId(), request.jobId())) {
                throw JobCanceledException.beforeItsResultWasStored(); // a result nobody wants is not stored, nor recorded
            }
            String resultKey = null;
            if (result.bytes() != null) {
                String stored = CompletedJobs.resultKey(request, result.extension());
                store.call(request, "store the result", () -> {
                    blobs.put(stored, result.bytes());
                    return stored;
                });
                resultKey = stored;
            }
            var usage = new JobCompleted.Usage(operationOf(texture.operation()), null, result.megapixels(), result.maskedFraction());
            var completed = new EventEnvelope(completedEventId(request.jobId()), EventTypes.COMPLETED, Instant.now(),
                    request.tenantId(), request.jobId(), EventJson.MAPPER.valueToTree(new JobCompleted(resultKey,
                    result.contentType(), result.width(), result.height(), result.plasticScoreBefore(),
                    result.plasticScoreAfter(), usage, result.analysis(), result.faceRestores(), result.locality())));
            events.publish(store.call(request, "store the COMPLETED event", () -> completedJobs.record(request, completed)));
            metrics.completed(texture.operation().name(), Duration.ofNanos(System.nanoTime() - started), result.megapixels());
        } catch (PoisonRecordException e) {
            end(request, e.code(), e.getMessage());
            throw e;
        } catch (ImageRejectedException e) {
            end(request, e.code(), e.getMessage());
        } catch (JobCanceledException e) {
            metrics.canceled();
            end(request, e.code(), e.getMessage());
        } catch (BlobStoreWait.Canceled e) {
            // canceled while a call waited for the store, maybe the COMPLETED's record after the result was stored
            metrics.canceled();
            end(request, FailureCodes.CANCELED, e.getMessage());
        } catch (JobRejectedException e) {
            end(request, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // no delete: what failed is unknown, maybe the publishing of a COMPLETED an image already names
            LOG.errorf(e, "texture job %s failed", request.jobId());
            fail(request.tenantId(), request.jobId(), FailureCodes.INTERNAL, "internal error");
            throw e;
        }
    }

    /** One COMPLETED per job: a re-emitted or raced COMPLETED carries the same eventId, so consumers drop it. */
    static UUID completedEventId(String jobId) {
        return UUID.nameUUIDFromBytes((EventTypes.COMPLETED + ":" + jobId).getBytes(StandardCharsets.UTF_8));
    }

    /** @param field the request's field that names the key, for the FAILED event's message */
    private byte[] read(EventEnvelope request, String field, String key) {
        if (!BlobKeys.isSafe(key)) {
            throw new PoisonRecordException(FailureCodes.BAD_REQUEST, "job " + request.jobId() + ": unsafe blob key " + key);
        }
        OwnBlobs.require(request, key);
        try {
            return store.call(request, "read " + key, () -> blobs.get(key, maxInputBytes)).orElseThrow(() -> new PoisonRecordException(
                    FailureCodes.BLOB_MISSING, "job " + request.jobId() + ": no blob under " + key));
        } catch (BlobTooLargeException e) {
            throw new JobRejectedException(FailureCodes.TOO_LARGE, field + " " + e.getMessage());
        }
    }

    private byte[] readOptional(EventEnvelope request, String field, String key) {
        return key == null ? null : read(request, field, key);
    }

    /**
     * Ends the job FAILED, its result deleted first under each key it may have (docs/operations.md, "A job that ends
     * without a result"): one stored just before the job was canceled (while the COMPLETED's record waited for the
     * store), or by a run that crashed before it recorded the COMPLETED, is no image's. A canceled job's always (the
     * gateway keeps no result of a canceled job); another's only while no COMPLETED is recorded, looked up again here:
     * a second run of the request (its partition moved while this one ran) may have recorded one since this run looked.
     * The store being away, the calls wait as the job's other calls do; canceled meanwhile, the deletes stop (logged).
     */
    private void end(EventEnvelope request, String code, String message) {
        boolean unwanted;
        try {
            unwanted = FailureCodes.CANCELED.equals(code)
                    || store.call(request, "look up a stored result", () -> completedJobs.find(request)).isEmpty();
        } catch (BlobStoreWait.Canceled e) {
            unwanted = true; // canceled while it looked
        }
        if (unwanted) {
            UnwantedResults.delete(blobs, store, request, CompletedJobs.resultKeys(request));
        }
        fail(request.tenantId(), request.jobId(), code, message);
    }

    private void fail(String tenantId, String jobId, String code, String message) {
        metrics.failed(code);
        events.publish(EventEnvelope.of(EventTypes.FAILED, tenantId, jobId, new JobFailed(code, message)));
    }

    private static String operationOf(TextureOperation operation) {
        return switch (operation) {
            case ANALYZE -> JobTypes.ANALYZE;
            case SOURCE_RESTORE -> JobTypes.SOURCE_RESTORE;
            default -> JobTypes.TEXTURE_RESTORE;
        };
    }
}
