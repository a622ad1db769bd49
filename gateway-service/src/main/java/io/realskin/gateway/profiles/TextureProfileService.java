package io.realskin.gateway.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.auth.RateLimiter;
import io.realskin.gateway.backends.TextureClient;
import io.realskin.gateway.common.CountedSlots;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.common.WorkerTransactions;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.images.Image;
import io.realskin.gateway.images.ImageRepository;
import io.realskin.gateway.problems.Problems;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Making and reading texture profiles. A profile is made from one of the tenant's images: texture-service reads the
 * photo's blob (claim check) and answers the engine's statistics of its skin, a JSON document that holds no pixels;
 * the document is stored re-serialised compactly (so the same statistics are one blob, whatever whitespace the answer
 * had) under {@code profiles/<tenant>/<sha256 of the document>}, and a row names it. At most
 * {@code realskin.profiles.max-per-tenant} per tenant, counted under a per-tenant lock. One measurement per tenant at
 * a time on this replica: texture-service has one profile slot per replica, and a tenant looping over photos it cannot
 * profile (each a full decode and face detection, then 422, which neither the cap nor billing counts) would otherwise
 * hold it against every other tenant. Blocking.
 */
@ApplicationScoped
public class TextureProfileService {
    /** The name of the measurements' policy in the RateLimit fields of their 429. */
    private static final String MEASUREMENTS_POLICY = "profile-measurements";
    /** The rate limiter's buckets are keyed by API key id; a tenant's measurements have this prefix. */
    private static final String MEASUREMENTS = MEASUREMENTS_POLICY + ":";
    private static final Logger LOG = Logger.getLogger(TextureProfileService.class);
    /** realskin.database.timeout: how long a creation or a read waits for the database. */
    private final Duration dbTimeout;

    private final Pool pool;
    private final TextureProfileRepository profiles;
    private final ImageRepository images;
    private final TextureClient texture;
    private final BlobStore blobs;
    private final int maxPerTenant;
    private final RateLimiter limiter;
    private final TextureProfileDeletion deletion;
    private final int measurementsPerMinute;
    /** Tenants with a measurement at texture-service now, one each. */
    private final CountedSlots measuring = new CountedSlots(1);

    public TextureProfileService(Pool pool, TextureProfileRepository profiles, ImageRepository images, TextureClient texture,
                                 BlobStore blobs, RateLimiter limiter, TextureProfileDeletion deletion, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.pool = pool;
        this.profiles = profiles;
        this.images = images;
        this.texture = texture;
        this.blobs = blobs;
        this.limiter = limiter;
        this.deletion = deletion;
        this.maxPerTenant = config.profiles().maxPerTenant();
        this.measurementsPerMinute = config.profiles().measurementsPerMinute();
    }

    /** A profile and its document. */
    public record WithDocument(TextureProfile profile, JsonNode document) {
    }

    /**
     * 400 without consent, 404 for an image the tenant does not have, 409 too-many-profiles at the cap, 429
     * profile-in-progress while another of the tenant's is being measured here, and texture-service's 4xx (422
     * reference-without-face for a photo without a face) as it answered them.
     */
    public WithDocument create(String tenantId, String keyId, String imageId, String name, Boolean consent) {
        if (!Boolean.TRUE.equals(consent)) {
            throw Problems.invalidField("consent", "consent must be true: you confirm you may use this photograph");
        }
        Image image = images.find(tenantId, imageId).await().atMost(dbTimeout).orElseThrow(() -> Problems.notFound("image", imageId));
        if (profiles.count(tenantId).await().atMost(dbTimeout) >= maxPerTenant) { // before texture-service measures anything
            throw Problems.tooManyProfiles(maxPerTenant);
        }
        JsonNode document = measure(tenantId, image);
        byte[] bytes = compact(document);
        String key = BlobKeys.Kind.PROFILES.key(tenantId, BlobKeys.sha256Hex(bytes));
        TextureProfile profile = new TextureProfile(Ids.profile(), tenantId, name, key, imageId, keyId,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        AtomicBoolean stored = new AtomicBoolean();
        try {
            WorkerTransactions.run(pool, dbTimeout, tx -> {
                profiles.lockTenant(tx, tenantId).await().atMost(dbTimeout);
                if (profiles.count(tx, tenantId).await().atMost(dbTimeout) >= maxPerTenant) {
                    throw Problems.tooManyProfiles(maxPerTenant);
                }
                images.lockBlobKey(tx, key).await().atMost(dbTimeout); // a deletion of a profile with the same document waits
                store(key, bytes);
                stored.set(true);
                return profiles.insert(tx, profile).await().atMost(dbTimeout);
            });
        } catch (RuntimeException e) {
            if (stored.get()) {
                deletion.removeUnnamedBlob(key); // the row did not commit: the document goes unless another profile has it
            }
            throw e;
        }
        LOG.infof("texture profile %s of tenant %s made from image %s by key %s", profile.id(), tenantId, imageId, keyId);
        return new WithDocument(profile, document);
    }

    /**
     * texture-service's document of the image, while the tenant has no other measurement in flight on this replica and
     * has started fewer than {@code realskin.profiles.measurements-per-minute} here this minute: one at a time alone
     * would still let a tenant keep the profile slot busy by sending the next faceless photo as soon as the last is
     * answered.
     */
    private JsonNode measure(String tenantId, Image image) {
        if (!measuring.tryTake(tenantId)) {
            throw Problems.profileInProgress();
        }
        try {
            RateLimiter.Decision rate = limiter.acquire(MEASUREMENTS + tenantId, measurementsPerMinute);
            if (!rate.allowed()) {
                throw Problems.tooManyProfileMeasurements(measurementsPerMinute, rate.retryAfterSeconds(),
                        rate.policyItem(MEASUREMENTS_POLICY), rate.rateLimitItem(MEASUREMENTS_POLICY));
            }
            return texture.profile(tenantId, image.blobKey());
        } finally {
            measuring.release(tenantId);
        }
    }

    /**
     * The tenant's profile with its document; 404 when it has none of that id, or when the blob store has lost the
     * document (the profile cannot be used; deleting it works); 503 when the store cannot be read.
     */
    public WithDocument get(String tenantId, String profileId) {
        TextureProfile profile = profiles.find(tenantId, profileId).await().atMost(dbTimeout)
                .orElseThrow(() -> Problems.notFound("texture profile", profileId));
        try {
            byte[] stored = blobs.get(profile.blobKey()).orElseThrow(() -> {
                LOG.warnf("texture profile %s of tenant %s has no document under %s", profileId, tenantId, profile.blobKey());
                return Problems.profileWithoutDocument(profileId);
            });
            return new WithDocument(profile, EventJson.MAPPER.readTree(stored));
        } catch (IOException e) {
            LOG.warnf("texture profile %s not read: %s", profileId, e.getMessage());
            throw Problems.unavailable("blob store");
        }
    }

    private void store(String key, byte[] bytes) {
        try {
            blobs.put(key, bytes);
        } catch (IOException e) {
            LOG.warnf("texture profile not stored: %s", e.getMessage());
            throw Problems.unavailable("blob store");
        }
    }

    private static byte[] compact(JsonNode document) {
        try {
            return EventJson.MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
