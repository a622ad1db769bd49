package io.realskin.texture.service;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.imaging.ImageFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Results are content-addressed: the blob key is a digest of the request (tenant, job, options, engine revision),
 * known before any work. The COMPLETED event is stored beside the result, so a redelivered request re-emits the
 * very same event (same eventId) without working again, and two workers racing on one job publish one event.
 */
@ApplicationScoped
public class CompletedJobs {
    /** Bump when the engine's output for the same request changes. */
    static final String ENGINE_REVISION = "texture-engine-1";

    private final BlobStore blobs;

    public CompletedJobs(BlobStore blobs) {
        this.blobs = blobs;
    }

    public static String digest(EventEnvelope request) {
        return BlobKeys.sha256Hex(ENGINE_REVISION + '\n' + request.tenantId() + '\n' + request.jobId() + '\n'
                + EventJson.write(request.payload()));
    }

    /** Where the result image of this request goes. */
    public static String resultKey(EventEnvelope request, String extension) {
        return prefix(request) + extension;
    }

    /** Every key the request's result may have: its extension is the format the engine wrote it in. */
    public static List<String> resultKeys(EventEnvelope request) {
        return Arrays.stream(ImageFormat.values()).map(format -> resultKey(request, format.extension())).toList();
    }

    private static String recordKey(EventEnvelope request) {
        return prefix(request) + ".completed.json";
    }

    private static String prefix(EventEnvelope request) {
        return BlobKeys.Kind.RESULTS.key(request.tenantId(), digest(request));
    }

    /** The COMPLETED event of a request already done, if any. */
    public Optional<EventEnvelope> find(EventEnvelope request) throws IOException {
        return blobs.get(recordKey(request)).map(bytes -> EventJson.readEnvelope(new String(bytes, StandardCharsets.UTF_8)));
    }

    /** Stores the event unless one is stored already; returns the stored one, which is what must be published. */
    public EventEnvelope record(EventEnvelope request, EventEnvelope completed) throws IOException {
        blobs.put(recordKey(request), EventJson.write(completed).getBytes(StandardCharsets.UTF_8));
        return find(request).orElse(completed);
    }
}
