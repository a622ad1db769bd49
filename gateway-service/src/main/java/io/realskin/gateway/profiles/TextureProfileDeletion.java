package io.realskin.gateway.profiles;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.common.WorkerTransactions;
import io.realskin.contracts.EventJson;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.idempotency.IdempotencyRepository;
import io.realskin.gateway.images.ImageRepository;
import io.realskin.gateway.jobs.JobRepository;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemTypes;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code DELETE /v1/texture-profiles/{id}}: the row goes, then the blob when no other profile names the same document.
 * The row's transaction holds it (no job can be accepted for the profile meanwhile, see
 * {@link TextureProfileRepository#lockForJob}) and commits before the blob is touched: a commit that fails leaves the
 * profile whole, never a row without its document. The blob is then removed in a transaction of its own under the blob
 * key's lock, which a creation of the same document takes too: the creation either stores the document again after the
 * removal or is counted before it. A blob store (or database) that fails at that step leaves the document without a
 * row, logged with its key; the profile is deleted all the same. The creation's answer kept for its Idempotency-Key
 * (the whole profile, statistics included) becomes, in the row's transaction, the 404 a read of the profile now is
 * ({@link IdempotencyRepository#answerGone}).
 */
@ApplicationScoped
public class TextureProfileDeletion {
    private static final Logger LOG = Logger.getLogger(TextureProfileDeletion.class);
    /** realskin.database.timeout: how long a deletion (its transactions and each step) waits for the database. */
    private final Duration dbTimeout;

    private final Pool pool;
    private final TextureProfileRepository profiles;
    private final ImageRepository images;
    private final JobRepository jobs;
    private final BlobStore blobs;
    private final IdempotencyRepository answers;

    public TextureProfileDeletion(Pool pool, TextureProfileRepository profiles, ImageRepository images, JobRepository jobs,
                                  BlobStore blobs, IdempotencyRepository answers, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.pool = pool;
        this.profiles = profiles;
        this.images = images;
        this.jobs = jobs;
        this.blobs = blobs;
        this.answers = answers;
    }

    /** Blocking. 404 when the tenant has no such profile, 409 profile-in-use while an unfinished job names it. */
    public void delete(String tenantId, String profileId) {
        String blobKey = WorkerTransactions.run(pool, dbTimeout, tx -> {
            TextureProfile profile = profiles.findForUpdate(tx, tenantId, profileId).await().atMost(dbTimeout)
                    .orElseThrow(() -> Problems.notFound("texture profile", profileId));
            List<String> users = jobs.unfinishedUsingProfile(tx, tenantId, profileId).await().atMost(dbTimeout);
            if (!users.isEmpty()) {
                throw Problems.profileInUse(profileId, users);
            }
            profiles.delete(tx, profileId).await().atMost(dbTimeout);
            answers.answerGone(tx, tenantId, TextureProfileResource.PATH + "/" + profileId, ProblemTypes.NOT_FOUND.status(),
                    EventJson.write(gone(profileId))).await().atMost(dbTimeout);
            return profile.blobKey();
        });
        boolean blobRemoved = removeUnnamedBlob(blobKey);
        LOG.infof("texture profile %s of tenant %s deleted%s", profileId, tenantId, blobRemoved ? " with its document" : "");
    }

    /** What a replay of the creation answers once the profile is gone: the 404 of a read, at the creation's path. */
    private static Problem gone(String profileId) {
        return Problem.of(ProblemTypes.NOT_FOUND, "texture profile " + profileId + " does not exist: it was deleted after "
                + "this Idempotency-Key's request made it").at(TextureProfileResource.PATH);
    }

    /**
     * Removes the blob when no profile names it any more (a deleted profile's, or one whose creation did not commit);
     * false when one does, or the removal failed (logged).
     */
    boolean removeUnnamedBlob(String key) {
        try {
            return WorkerTransactions.run(pool, dbTimeout, tx -> {
                images.lockBlobKey(tx, key).await().atMost(dbTimeout);
                if (profiles.countWithBlobKey(tx, key).await().atMost(dbTimeout) > 0) {
                    return false;
                }
                try {
                    blobs.delete(key);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return true;
            });
        } catch (RuntimeException e) {
            LOG.warnf("texture profile document %s not deleted, no profile names it any more: %s", key, e.getMessage());
            return false;
        }
    }
}
