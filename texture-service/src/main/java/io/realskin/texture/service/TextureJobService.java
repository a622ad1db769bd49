package io.realskin.texture.service;

import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.ContractViolation;
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
import io.realskin.contracts.blob.BlobStore;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.messaging.JobEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.jboss.logging.Logger;

/** One texture job: read the claim-checked images, process, store the result, report on job.events. */
@ApplicationScoped
public class TextureJobService {
    private static final Logger LOG = Logger.getLogger(TextureJobService.class);
    /** Tenant of a FAILED event for a record too broken to name its tenant. */
    static final String UNKNOWN_TENANT = "unknown";

    private final BlobStore blobs;
    private final TextureProcessor processor;
    private final JobEventPublisher events;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName();

    public TextureJobService(BlobStore blobs, TextureProcessor processor, JobEventPublisher events) {
        this.blobs = blobs;
        this.processor = processor;
        this.events = events;
    }

    /**
     * Handles one record of texture.requests.
     *
     * @throws PoisonRecordException after the FAILED event is out, for a record the dead-letter topic must keep
     */
    public void handle(String key, String value) {
        EventEnvelope request = parse(key, value);
        TextureRequest texture = request.payloadAs(TextureRequest.class);
        events.publish(EventEnvelope.of(EventTypes.STARTED, request.tenantId(), request.jobId(), new JobStarted(worker)));
        try {
            var inputs = new TextureProcessor.TextureInputs(read(request, texture.imageKey()),
                    readOptional(request, texture.maskKey()), readOptional(request, texture.referenceKey()),
                    readOptional(request, texture.profileKey()));
            var result = processor.process(texture, inputs, (stage, percent) -> events.publish(EventEnvelope.of(
                    EventTypes.PROGRESS, request.tenantId(), request.jobId(), new JobProgress(stage, percent))));
            String resultKey = null;
            if (result.bytes() != null) {
                resultKey = "results/" + request.tenantId() + "/" + request.jobId() + result.extension();
                blobs.put(resultKey, result.bytes());
            }
            var usage = new JobCompleted.Usage(operationOf(texture.operation()), null,
                    (double) result.width() * result.height() / 1e6, result.maskedFraction());
            events.publish(EventEnvelope.of(EventTypes.COMPLETED, request.tenantId(), request.jobId(), new JobCompleted(
                    resultKey, result.contentType(), result.width(), result.height(), result.plasticScoreBefore(),
                    result.plasticScoreAfter(), usage, result.analysis())));
        } catch (PoisonRecordException e) {
            fail(request.tenantId(), request.jobId(), e.code(), e.getMessage());
            throw e;
        } catch (ImageRejectedException e) {
            fail(request.tenantId(), request.jobId(), e.code(), e.getMessage());
        } catch (IOException e) {
            fail(request.tenantId(), request.jobId(), FailureCodes.INTERNAL, "blob store: " + e.getMessage());
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "texture job %s failed", request.jobId());
            fail(request.tenantId(), request.jobId(), FailureCodes.INTERNAL, "internal error");
            throw e;
        }
    }

    private EventEnvelope parse(String key, String value) {
        List<String> violations = ContractSchemas.violations(Topics.TEXTURE_REQUESTS, value == null ? "" : value);
        if (violations.isEmpty()) {
            try {
                return EventJson.readEnvelope(value);
            } catch (ContractViolation e) {
                violations = List.of(e.getMessage());
            }
        }
        String reason = "not a texture request: " + String.join("; ", violations);
        if (key != null && !key.isBlank()) {
            fail(UNKNOWN_TENANT, key, FailureCodes.BAD_REQUEST, reason);
        }
        throw new PoisonRecordException(FailureCodes.BAD_REQUEST, reason);
    }

    private byte[] read(EventEnvelope request, String key) throws IOException {
        return blobs.get(key).orElseThrow(() -> new PoisonRecordException(FailureCodes.BLOB_MISSING,
                "job " + request.jobId() + ": no blob under " + key));
    }

    private byte[] readOptional(EventEnvelope request, String key) throws IOException {
        return key == null ? null : read(request, key);
    }

    private void fail(String tenantId, String jobId, String code, String message) {
        events.publish(EventEnvelope.of(EventTypes.FAILED, tenantId, jobId, new JobFailed(code, message)));
    }

    private static String operationOf(TextureOperation operation) {
        return operation == TextureOperation.ANALYZE ? JobTypes.ANALYZE : JobTypes.TEXTURE_RESTORE;
    }
}
