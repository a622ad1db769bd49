package io.realskin.gateway.images;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.backends.TextureClient;
import io.realskin.gateway.common.WorkerTransactions;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.fair.FairPermits;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Thumbnails of stored images ({@code GET /v1/images/{id}/thumbnail}). A thumbnail is a blob derived from its source's
 * blob and a width ({@link ThumbnailWidths#key}): answered from the blob store when it is there; otherwise texture-service
 * renders it (it reads the source blob itself, so a 30 MiB original crosses the network once, from the store to the
 * renderer), it is stored, and answered. Bounded on this replica: requests for the same thumbnail while it is being
 * rendered wait for that render (single flight, never a second decode of the same image), and at most
 * {@code realskin.images.thumbnail-renders} renders run at once. One more waits for a render slot, tenants served in
 * turn ({@link FairPermits}), so one tenant's page of cards delays another tenant's thumbnail by about one render; it is
 * 503 with Retry-After: 1, as a busy texture-service is, after {@code thumbnail-render-wait} or at once when its tenant
 * already has {@code thumbnail-renders-waiting-per-tenant} waiting. A rendered thumbnail is stored only while an image
 * of the tenant still names its source blob, under the blob key's lock that {@link ImageDeletion} takes, so a deletion
 * racing a render never leaves one behind. Blocking.
 */
@ApplicationScoped
public class Thumbnails {
    private static final Logger LOG = Logger.getLogger(Thumbnails.class);
    /** realskin.database.timeout: how long a thumbnail's store waits for the database. */
    private final Duration dbTimeout;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    private final BlobStore blobs;
    private final TextureClient texture;
    private final Pool pool;
    private final ImageRepository images;
    private final ImageMetrics metrics;
    private final FairPermits renders;
    private final Duration waitForSlot;
    private final Duration waitForRender;
    private final Map<String, CompletableFuture<Thumbnail>> rendering = new ConcurrentHashMap<>();

    public Thumbnails(BlobStore blobs, TextureClient texture, Pool pool, ImageRepository images, ImageMetrics metrics,
                      GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.blobs = blobs;
        this.texture = texture;
        this.pool = pool;
        this.images = images;
        this.metrics = metrics;
        this.renders = new FairPermits(config.images().thumbnailRenders(), config.images().thumbnailRendersWaitingPerTenant());
        this.waitForSlot = config.images().thumbnailRenderWait();
        metrics.thumbnailRendersWaiting(renders);
        // what the render it joins may take: its wait for a slot, the texture call, storing it
        this.waitForRender = waitForSlot.plus(config.backends().textureTimeout()).plusSeconds(5);
    }

    /** A thumbnail's bytes and media type. */
    public record Thumbnail(String contentType, byte[] bytes) {
    }

    /** The image's thumbnail at one of {@link ThumbnailWidths#ALLOWED}. */
    public Thumbnail get(Image image, int width) {
        String key = ThumbnailWidths.key(image.blobKey(), width);
        byte[] stored = read(key);
        if (stored != null) {
            metrics.thumbnail(ImageMetrics.THUMBNAIL_STORED);
            return new Thumbnail(isPng(stored) ? "image/png" : "image/jpeg", stored);
        }
        CompletableFuture<Thumbnail> mine = new CompletableFuture<>();
        CompletableFuture<Thumbnail> running = rendering.putIfAbsent(key, mine);
        if (running != null) {
            metrics.thumbnail(ImageMetrics.THUMBNAIL_JOINED);
            return await(running);
        }
        try {
            Thumbnail made = render(image, width, key);
            mine.complete(made);
            return made;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            rendering.remove(key, mine);
        }
    }

    private Thumbnail render(Image image, int width, String key) {
        if (!renders.acquire(image.tenantId(), 1, waitForSlot)) {
            metrics.thumbnail(ImageMetrics.THUMBNAIL_BUSY);
            throw Problems.unavailable("texture-service", 1);
        }
        try {
            // never enlarged: an image narrower than asked is rendered at its own width (re-encoded, still small)
            TextureClient.Thumbnail made = texture.thumbnail(image.tenantId(), image.blobKey(), Math.min(width, image.width()));
            store(image, key, made.image());
            metrics.thumbnail(ImageMetrics.THUMBNAIL_RENDERED);
            return new Thumbnail(made.contentType(), made.image());
        } finally {
            renders.release(1);
        }
    }

    /** Stored while an image of the tenant still names the source blob (best effort: the answer goes out anyway). */
    private void store(Image image, String key, byte[] bytes) {
        try {
            WorkerTransactions.run(pool, dbTimeout, tx -> {
                images.lockBlobKey(tx, image.blobKey()).await().atMost(dbTimeout);
                if (images.countWithBlobKey(tx, image.tenantId(), image.blobKey()).await().atMost(dbTimeout) > 0) {
                    try {
                        blobs.put(key, bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf("thumbnail %s not stored: %s", key, e.getMessage());
        }
    }

    private Thumbnail await(CompletableFuture<Thumbnail> running) {
        try {
            return running.get(waitForRender.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw Problems.unavailable("texture-service", 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.unavailable("texture-service", 1);
        }
    }

    private byte[] read(String key) {
        try {
            return blobs.get(key).orElse(null);
        } catch (IOException e) {
            LOG.warnf("thumbnail %s not read: %s", key, e.getMessage());
            throw Problems.unavailable("blob store");
        }
    }

    private static boolean isPng(byte[] bytes) {
        return bytes.length >= PNG_SIGNATURE.length && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    }
}
