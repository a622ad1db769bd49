package io.realskin.support.messaging;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.blob.BlobStore;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes a worker job's result blobs when the job ends without a result, before its FAILED event goes out
 * (docs/operations.md, "A job that ends without a result"): a result stored just before the job was canceled, or by a
 * run that crashed before it journaled its outcome, is no image's and the event names no key the gateway could delete.
 * The caller names every key the job's result may have (its key is fixed per job, its extension the image's format) and
 * decides that no COMPLETED of the job can name them. Each delete waits out an outage of the store as the job's other
 * calls do ({@link BlobStoreWait}); a job canceled meanwhile gives up, and what is left is logged with its key.
 */
public final class UnwantedResults {
    private static final Logger LOG = Logger.getLogger(UnwantedResults.class);

    private UnwantedResults() {
    }

    public static void delete(BlobStore blobs, BlobStoreWait store, EventEnvelope request, List<String> keys) {
        for (String key : keys) {
            try {
                store.call(request, "delete the unwanted result " + key, () -> {
                    blobs.delete(key);
                    return key;
                });
            } catch (BlobStoreWait.Canceled e) {
                LOG.warnf("job %s ended without a result; its result blobs %s may stay in the store (not deleted: %s)",
                        request.jobId(), keys, e.getMessage());
                return;
            }
        }
    }
}
