package io.realskin.support.messaging;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.blob.BlobKeys;

/**
 * The claim check of a worker's request names its tenant's own blobs only ({@link BlobKeys#ownedBy}): a record naming
 * another tenant's image, mask or reference is refused before anything is read, FAILED {@code bad_request} and
 * dead-lettered, so another tenant's photo is never worked on or sent to a provider.
 */
public final class OwnBlobs {
    private OwnBlobs() {
    }

    /** @throws PoisonRecordException bad_request when {@code key} is not the request's tenant's */
    public static void require(EventEnvelope request, String key) {
        if (!BlobKeys.ownedBy(request.tenantId(), key)) {
            throw new PoisonRecordException(FailureCodes.BAD_REQUEST,
                    "job " + request.jobId() + ": blob key " + key + " is not tenant " + request.tenantId() + "'s");
        }
    }
}
