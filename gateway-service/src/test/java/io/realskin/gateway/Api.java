package io.realskin.gateway;

import static io.restassured.RestAssured.given;

import io.realskin.gateway.keys.ApiKeyHashes;
import io.restassured.RestAssured;
import io.restassured.config.LogConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

/** Test helpers: tenants, keys and images made through the public API itself. */
final class Api {
    static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    /**
     * For a body too large to print. Quarkus turns on RestAssured's log-if-validation-fails, which renders every request
     * body as text before sending it; noFilters() does not stop that (the filter is added at send time from the request's
     * config), so a 30 MiB upload rendered as text exhausted the test heap on some runs.
     */
    static RequestSpecification asUnlogged(String key) {
        return as(key).config(RestAssured.config().logConfig(LogConfig.logConfig()));
    }

    static RequestSpecification admin() {
        return as(StubBackends.ADMIN_KEY);
    }

    static String tenant(String plan) {
        return admin().contentType("application/json").body("{\"name\":\"test tenant\",\"plan\":\"" + plan + "\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
    }

    static String key(String tenant, String... scopes) {
        return keyWith(tenant, null, scopes);
    }

    static String keyWith(String tenant, Integer ratePerMinute, String... scopes) {
        StringBuilder body = new StringBuilder("{\"tenantId\":\"" + tenant + "\",\"live\":false,\"scopes\":[");
        for (int i = 0; i < scopes.length; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(scopes[i]).append('"');
        }
        body.append("]");
        if (ratePerMinute != null) {
            body.append(",\"rateLimitPerMinute\":").append(ratePerMinute);
        }
        body.append("}");
        return admin().contentType("application/json").body(body.toString()).post("/v1/admin/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    /** The id of a key, as its own tenant's listing of active keys shows it (found by its hint). */
    static String keyId(String key) {
        return keys(key, "active").stream().filter(k -> ApiKeyHashes.hint(key).equals(k.get("hint"))).map(k -> (String) k.get("id"))
                .findFirst().orElse(null);
    }

    /** The keys of the key's tenant in {@code state} (active, inactive, all), newest first: every page's items. */
    static List<Map<String, Object>> keys(String key, String state) {
        return keyPages(key, state, 100).stream().flatMap(page -> page.<Map<String, Object>>getList("items").stream()).toList();
    }

    /** The pages of {@code GET /v1/api-keys?state=&limit=} as the key reads them, following nextCursor to the end. */
    static List<JsonPath> keyPages(String key, String state, int limit) {
        List<JsonPath> pages = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as(key).queryParam("state", state).queryParam("limit", limit);
            JsonPath page = (cursor == null ? request : request.queryParam("cursor", cursor)).get("/v1/api-keys").then().statusCode(200)
                    .extract().jsonPath();
            pages.add(page);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return pages;
    }

    /** A tenant with a key holding every non-admin scope. */
    static String[] tenantAndKey() {
        String tenant = tenant("pro");
        return new String[] {tenant, key(tenant, "jobs:write", "jobs:read", "billing:read")};
    }

    /** Two keys of one new tenant (jobs:write, jobs:read), with their ids. */
    record TwoKeys(String tenant, String a, String aId, String b, String bId) {
    }

    static TwoKeys twoKeys() {
        String[] own = tenantAndKey();
        String b = key(own[0], "jobs:write", "jobs:read");
        return new TwoKeys(own[0], own[1], keyId(own[1]), b, keyId(b));
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 7 + y * 13) & 0xffffff);
            }
        }
        return png(image);
    }

    /** A mask as the Studio sends it: a PNG of the image's size, black, with a white square of {@code side} px painted. */
    static byte[] mask(int width, int height, int side) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        var graphics = image.createGraphics();
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(8, 8, side, side);
        graphics.dispose();
        return png(image);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Uploads a mask for {@link #upload(String)}'s image that paints most of it (56 x 40 of its 64 x 48 px). */
    static String uploadMask(String key) {
        return as(key).contentType("image/png").body(mask(64, 48, 64)).post("/v1/images").then().statusCode(201).extract().path("id");
    }

    static String upload(String key) {
        return as(key).contentType("image/png").body(png(64, 48)).post("/v1/images").then().statusCode(201).extract().path("id");
    }

    static String submitTexture(String key, String imageId) {
        return as(key).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + imageId + "\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
    }

    /** Polls the job (pausing, so the key's rate limit is never hit) until it has the status; fails after the timeout. */
    static JsonPath awaitJobStatus(String key, String job, String status, Duration timeout) {
        return awaitJob(key, job, j -> status.equals(j.getString("status")), "status " + status, timeout);
    }

    /** Polls the job (pausing, so the key's rate limit is never hit) until the condition holds; fails after the timeout. */
    static JsonPath awaitJob(String key, String job, Predicate<JsonPath> condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = as(key).get("/v1/jobs/" + job).then().statusCode(200).extract().jsonPath();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("job " + job + " did not reach " + what + ": " + (last == null ? null : last.prettify()));
    }

    static List<String> scopes(String... s) {
        return List.of(s);
    }

    private Api() {
    }
}
