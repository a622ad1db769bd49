package io.realskin.gateway.profiles;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.common.WorkerTransactions;
import io.realskin.gateway.images.ImageRepository;
import io.realskin.gateway.jobs.JobRepository;
import io.realskin.gateway.problems.Problems;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code DELETE /v1/texture-profiles/{id}}: the row goes, then the blob when no other profile names the same document.
 * One transaction holds the row (no job can be accepted for the profile meanwhile, see
 * {@link TextureProfileRepository#lockForJob}) and the blob key's lock (a creation of the same document waits); the blob
 * is removed before the commit, so a store that fails leaves the profile as it was (503, try again).
 */
@ApplicationScoped
public class TextureProfileDeletion {
    private static final Logger LOG = Logger.getLogger(TextureProfileDeletion.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(10);

    private final Pool pool;
    private final TextureProfileRepository profiles;
    private final ImageRepository images;
    private final JobRepository jobs;
    private final BlobStore blobs;

    public TextureProfileDeletion(Pool pool, TextureProfileRepository profiles, ImageRepository images, JobRepository jobs,
                                  BlobStore blobs) {
        this.pool = pool;
        this.profiles = profiles;
        this.images = images;
        this.jobs = jobs;
        this.blobs = blobs;
    }

    /** Blocking. 404 when the tenant has no such profile, 409 profile-in-use while an unfinished job names it. */
    public void delete(String tenantId, String profileId) {
        WorkerTransactions.run(pool, DB_TIMEOUT, tx -> {
            TextureProfile profile = profiles.findForUpdate(tx, tenantId, profileId).await().atMost(STEP)
                    .orElseThrow(() -> Problems.notFound("texture profile", profileId));
            List<String> users = jobs.unfinishedUsingProfile(tx, tenantId, profileId).await().atMost(STEP);
            if (!users.isEmpty()) {
                throw Problems.profileInUse(profileId, users);
            }
            images.lockBlobKey(tx, profile.blobKey()).await().atMost(STEP);
            profiles.delete(tx, profileId).await().atMost(STEP);
            if (profiles.countWithBlobKey(tx, profile.blobKey()).await().atMost(STEP) == 0) {
                removeBlob(profile.blobKey());
            }
            return null;
        });
        LOG.infof("texture profile %s of tenant %s deleted", profileId, tenantId);
    }

    private void removeBlob(String key) {
        try {
            blobs.delete(key);
        } catch (IOException e) {
            LOG.warnf("blob %s not deleted: %s", key, e.getMessage());
            throw Problems.unavailable("blob store");
        }
    }
}
