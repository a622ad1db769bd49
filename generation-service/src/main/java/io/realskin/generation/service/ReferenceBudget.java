package io.realskin.generation.service;

import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import java.io.IOException;
import java.util.List;

/**
 * The stored bytes of a generate job's reference images, added up from the blob store's sizes before any of them is
 * read: a request over {@code maxBytes} (the gateway refuses those, but a record can come from elsewhere or a
 * replay) is failed {@code too_large} without holding its references. Each reference held whole and then turned into
 * the provider's body (base64 in JSON, or a multipart form) costs a job under six times its references' bytes of heap
 * at once, so the limit bounds that too (docs/generation.md, "Reference images").
 */
final class ReferenceBudget {
    private final long maxBytes;

    ReferenceBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Why the references do not fit, or null when they do. A key that is unsafe or names nothing counts 0 here: reading
     * it fails the job with its own code afterwards.
     */
    String overBudget(BlobStore blobs, List<GenerationRequest.ReferenceImage> references) throws IOException {
        if (references == null || references.isEmpty()) {
            return null;
        }
        long total = 0;
        for (GenerationRequest.ReferenceImage ref : references) {
            if (BlobKeys.isSafe(ref.key())) {
                total += Math.max(0, blobs.size(ref.key()));
            }
        }
        if (total <= maxBytes) {
            return null;
        }
        return "the " + references.size() + " reference images add up to " + total + " bytes; a job takes at most " + maxBytes;
    }
}
