package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The per-tenant storage quota: an upload that would pass it is refused with the numbers before its blob is written,
 * concurrent uploads never pass it together, a deletion gives its bytes back, and a job's result counts but is never
 * refused. Its own profile: a quota of a few images.
 */
@QuarkusTest
@TestProfile(ImageQuotaTest.SmallQuota.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ImageQuotaTest {
    private static final long LIMIT = 200_000;
    private static final int MOST_IMAGES = 1000;
    private static final String QUOTA = "https://realskin.io/problems/storage-quota-exceeded";

    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("realskin.images.max-bytes-per-tenant", String.valueOf(LIMIT),
                    "realskin.images.max-images-per-tenant", String.valueOf(MOST_IMAGES));
        }
    }

    @Inject
    BlobStore blobs;

    @Inject
    MeterRegistry registry;

    @Test
    void anUploadOverTheQuotaIsRefusedWithTheNumbersBeforeItsBlobIsWritten() throws Exception {
        String[] tk = Api.tenantAndKey();
        byte[] a = noisePng(150, 1);
        byte[] b = noisePng(150, 2);
        byte[] c = noisePng(150, 3);
        assertTrue(a.length + b.length <= LIMIT && a.length + b.length + c.length > LIMIT, "two fit, three do not");
        String first = upload(tk[1], a).then().statusCode(201).extract().path("id");
        upload(tk[1], b).then().statusCode(201);

        double refused = registry.counter("realskin.gateway.images.refused", "reason", "storage-quota-exceeded").count();
        upload(tk[1], c).then().statusCode(409).contentType("application/problem+json").body("type", equalTo(QUOTA))
                .body("usedBytes", equalTo(a.length + b.length)).body("limitBytes", equalTo((int) LIMIT))
                .body("bytes", equalTo(c.length));
        assertFalse(blobs.exists("images/" + tk[0] + "/" + BlobKeys.sha256Hex(c)), "refused before the blob was written");
        assertEquals(refused + 1, registry.counter("realskin.gateway.images.refused", "reason", "storage-quota-exceeded").count());
        assertEquals(List.of((long) a.length + b.length, 2L), usage(tk[0]));
        as(tk[1]).get("/v1/images").then().statusCode(200).body("usage.usedBytes", equalTo(a.length + b.length))
                .body("usage.limitBytes", equalTo((int) LIMIT)).body("usage.images", equalTo(2));

        as(tk[1]).delete("/v1/images/" + first).then().statusCode(204);
        assertEquals(List.of((long) b.length, 1L), usage(tk[0]), "a deletion gives its bytes back");
        upload(tk[1], c).then().statusCode(201);
        assertEquals(List.of((long) b.length + c.length, 2L), usage(tk[0]));
    }

    @Test
    void anUploadPastTheMostImagesIsRefusedWhateverItsSize() throws Exception {
        String[] tk = Api.tenantAndKey();
        byte[] tiny = noisePng(1, 4);
        upload(tk[1], tiny).then().statusCode(201);
        setImages(tk[0], MOST_IMAGES); // as after that many uploads of tiny images

        upload(tk[1], noisePng(1, 5)).then().statusCode(409).contentType("application/problem+json").body("type", equalTo(QUOTA))
                .body("images", equalTo(MOST_IMAGES)).body("limitImages", equalTo(MOST_IMAGES))
                .body("usedBytes", equalTo(tiny.length)).body("detail", containsString("stores " + MOST_IMAGES + " images"));
        as(tk[1]).get("/v1/images").then().statusCode(200).body("usage.limitImages", equalTo(MOST_IMAGES));
        setImages(tk[0], MOST_IMAGES - 1);
        upload(tk[1], noisePng(1, 5)).then().statusCode(201);
        assertEquals(List.of((long) tiny.length + noisePng(1, 5).length, (long) MOST_IMAGES), usage(tk[0]));
    }

    private static void setImages(String tenant, int images) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway");
             PreparedStatement update = c.prepareStatement("update tenant_storage set images = ? where tenant_id = ?")) {
            update.setInt(1, images);
            update.setString(2, tenant);
            assertEquals(1, update.executeUpdate());
        }
    }

    @Test
    void concurrentUploadsAtTheEdgeOfTheQuotaNeverPassIt() throws Exception {
        String[] tk = Api.tenantAndKey();
        byte[] png = noisePng(120, 4);
        int fit = (int) (LIMIT / png.length);
        int sent = fit + 6;
        ExecutorService threads = Executors.newFixedThreadPool(sent);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> uploads = new ArrayList<>();
        try {
            for (int i = 0; i < sent; i++) {
                uploads.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return upload(tk[1], png).statusCode();
                }, threads));
            }
            start.countDown();
        } finally {
            threads.shutdown();
        }
        List<Integer> statuses = uploads.stream().map(CompletableFuture::join).toList();
        assertEquals(fit, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(sent - fit, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(List.of((long) fit * png.length, (long) fit), usage(tk[0]));
        assertEquals(recomputed(tk[0]), usage(tk[0]), "what the migration would count");
        assertEquals(0, openReservations(tk[0]), "each upload's reservation ended with it");
    }

    @Test
    void aJobsResultCountsTowardTheQuotaButIsNeverRefused() throws Exception {
        String[] tk = Api.tenantAndKey();
        byte[] a = noisePng(150, 5);
        byte[] result = noisePng(220, 6);
        assertTrue(a.length + result.length > LIMIT);
        String image = upload(tk[1], a).then().statusCode(201).extract().path("id");
        String job = Api.submitTexture(tk[1], image);
        String resultKey = "results/" + tk[0] + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(resultKey, result);
        Events.restored(tk[0], job, resultKey, 220, 220);
        String resultImage = Api.awaitJobStatus(tk[1], job, "completed", Duration.ofSeconds(60)).getString("result.imageId");

        as(tk[1]).get("/v1/images/" + resultImage + "/content").then().statusCode(200);
        assertEquals(List.of((long) a.length + result.length, 2L), usage(tk[0]), "over the limit: a result is delivered");
        byte[] small = Api.png(8, 8);
        upload(tk[1], small).then().statusCode(409).body("usedBytes", equalTo(a.length + result.length))
                .body("bytes", equalTo(small.length));
        assertEquals(recomputed(tk[0]), usage(tk[0]));
    }

    /** The migration's own statement, run again over every tenant in a transaction rolled back: it counts what the service counts. */
    @Test
    void theMigrationCountsAnExistingTenantsImagesAsTheServiceDoes() throws Exception {
        String[] tk = Api.tenantAndKey();
        byte[] png = noisePng(100, 7);
        upload(tk[1], png).then().statusCode(201);
        upload(tk[1], png).then().statusCode(201);
        String gone = upload(tk[1], noisePng(90, 8)).then().statusCode(201).extract().path("id");
        as(tk[1]).delete("/v1/images/" + gone).then().statusCode(204);
        List<Long> counted = usage(tk[0]);
        assertEquals(List.of(2L * png.length, 2L), counted, "the same bytes twice count twice, as they are listed");

        String statement = MigrationSql.statement("V9__tenant_storage.sql", "insert into tenant_storage");
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            c.setAutoCommit(false);
            try {
                c.createStatement().execute("delete from tenant_storage");
                c.createStatement().execute(statement);
                assertEquals(counted, usage(c, tk[0]));
            } finally {
                c.rollback();
            }
        }
    }

    static Response upload(String key, byte[] png) {
        return Api.asUnlogged(key).contentType("image/png").body(png).post("/v1/images");
    }

    /** Random pixels: a PNG that does not compress, so its size is about 3 bytes a pixel. */
    static byte[] noisePng(int side, long seed) throws IOException {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** [used bytes, images] as the service keeps them. */
    static List<Long> usage(String tenant) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            return usage(c, tenant);
        }
    }

    private static List<Long> usage(Connection c, String tenant) throws Exception {
        return pair(c, "select used_bytes, images from tenant_storage where tenant_id = ?", tenant);
    }

    /** The tenant's rows in storage_reservations: uploads that reserved bytes and have not ended. */
    static long openReservations(String tenant) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            return Sql.count(c, "select count(*) from storage_reservations where tenant_id = ?", tenant);
        }
    }

    /** [bytes, images] of the tenant's image rows. */
    static List<Long> recomputed(String tenant) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            return pair(c, "select coalesce(sum(bytes), 0), count(*) from images where tenant_id = ?", tenant);
        }
    }

    private static List<Long> pair(Connection c, String sql, String tenant) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a row for " + tenant);
                return List.of(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
