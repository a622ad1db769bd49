package io.realskin.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The Studio's files as the gateway serves them: a strict CSP, no inline script, nothing from another origin. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class StudioAssetsTest {
    private static final Path STUDIO = Path.of("src/main/resources/META-INF/resources/studio");
    private static final Pattern IMPORT = Pattern.compile("from '(\\./[^']+)'");
    private static final Pattern NAMED_IMPORT = Pattern.compile("import \\{([^}]*)\\} from '(\\./[^']+)'");

    @Test
    void theStudioIsServedWithAStrictContentSecurityPolicy() {
        given().redirects().follow(false).get("/studio").then().statusCode(301).header("Location", endsWith("/studio/"));
        String csp = given().get("/studio/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"js/app.js\"></script>"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().header("Content-Security-Policy");
        for (String directive : List.of("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")) {
            assertTrue(csp.contains(directive), csp);
        }
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains("http"), csp);
        given().get("/studio/js/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Content-Security-Policy", not(""));
    }

    /**
     * Every Studio file is revalidated before use, and an unchanged one costs a 304: its modules have no hashed names, and
     * they were served public, immutable, max-age=86400 with a Last-Modified of the request's time, so after an upgrade
     * a browser kept the old modules for a day, or mixed old and new.
     */
    @Test
    void theStudiosFilesAreRevalidatedAndAnUnchangedOneIsA304() throws Exception {
        for (String[] file : new String[][] {{"/studio/", "index.html"}, {"/studio/js/app.js", "js/app.js"},
                {"/studio/js/jobs.js", "js/jobs.js"}, {"/studio/studio.css", "studio.css"}}) {
            String tag = '"' + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                    .getInstance("SHA-256").digest(Files.readAllBytes(STUDIO.resolve(file[1])))) + '"';
            var full = given().get(file[0]).then().statusCode(200).header("Cache-Control", "no-cache").header("ETag", tag)
                    .header("Last-Modified", org.hamcrest.Matchers.nullValue()).extract();
            assertTrue(full.asByteArray().length > 0, file[0]);
            given().header("If-None-Match", tag).get(file[0]).then().statusCode(304).header("ETag", tag)
                    .header("Cache-Control", "no-cache").header("Content-Security-Policy", not(""));
            given().header("If-None-Match", "\"an-older-one\"").get(file[0]).then().statusCode(200).header("ETag", tag);
        }
        given().get("/studio/js/no-such-module.js").then().statusCode(404).header("ETag", org.hamcrest.Matchers.nullValue());
    }

    /**
     * Asked for gzip (Accept-Encoding), the gateway compresses text: the Studio's HTML, JS and CSS, JSON answers such as
     * the image and job lists, the OpenAPI document; the body inflates to what an uncompressed answer carries. Never an
     * answer holding a secret (a new API key, a webhook signing secret: BREACH), nor image bytes (compressed already).
     */
    @Test
    void textIsGzippedForAClientThatAsksButNeitherSecretsNorImages() throws Exception {
        String tenant = Api.tenant("pro");
        String[] tk = {tenant, Api.key(tenant, "jobs:write", "jobs:read", "keys:write")};
        String image = Api.upload(tk[1]);
        Api.submitTexture(tk[1], image);
        for (String path : List.of("/studio/", "/studio/js/app.js", "/studio/studio.css", "/v1/images?limit=100", "/q/openapi")) {
            HttpResponse<byte[]> gzipped = send(tk[1], "GET", path, "gzip");
            assertEquals(200, gzipped.statusCode(), path);
            assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null), path + " is compressed");
            HttpResponse<byte[]> plain = send(tk[1], "GET", path, "identity");
            assertTrue(plain.headers().firstValue("Content-Encoding").map("identity"::equals).orElse(true), path);
            assertArrayEquals(plain.body(), gunzip(gzipped.body()), path + " inflates to the uncompressed answer");
        }
        String jobs = new String(gunzip(send(tk[1], "GET", "/v1/jobs", "gzip").body()), StandardCharsets.UTF_8);
        assertTrue(jobs.contains(image), "the job list, compressed, names the job's image: " + jobs);
        String newKey = "{\"tenantId\":\"" + tenant + "\",\"live\":false,\"scopes\":[\"jobs:read\"]}";
        for (String[] secret : List.of(new String[] {tk[1], "/v1/api-keys", "{\"name\":\"k\",\"scopes\":[\"jobs:read\"]}"},
                new String[] {StubBackends.ADMIN_KEY, "/v1/admin/api-keys", newKey}, new String[] {tk[1], "/v1/webhooks/secrets", null})) {
            HttpResponse<byte[]> answer = send(secret[0], "POST", secret[1], "gzip", secret[2]);
            assertEquals(201, answer.statusCode(), secret[1]);
            assertTrue(answer.headers().firstValue("Content-Encoding").map("identity"::equals).orElse(true),
                    secret[1] + " holds a secret: never compressed");
            assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("\"secret\"")
                    || new String(answer.body(), StandardCharsets.UTF_8).contains("\"key\""), secret[1]);
        }
        HttpResponse<byte[]> bytes = send(tk[1], "GET", "/v1/images/" + image + "/content", "gzip");
        assertEquals(200, bytes.statusCode());
        assertTrue(bytes.headers().firstValue("Content-Encoding").map("identity"::equals).orElse(true), "image bytes are sent as they are");
    }

    /** Sends Accept-Encoding as given and inflates nothing itself (RestAssured would do both on its own). */
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    private HttpResponse<byte[]> send(String key, String method, String path, String encoding) throws Exception {
        return send(key, method, path, encoding, null);
    }

    private HttpResponse<byte[]> send(String key, String method, String path, String encoding, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key)
                .header("Accept-Encoding", encoding)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    @Test
    void noInlineScriptNoOtherOriginAndEveryImportExists() throws IOException {
        String html = Files.readString(STUDIO.resolve("index.html"));
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
        while (scripts.find()) {
            assertTrue(scripts.group(1).contains("src="), "an inline script: " + scripts.group());
        }
        assertFalse(html.contains(" on") && Pattern.compile("\\son[a-z]+=").matcher(html).find(), "an inline event handler");
        try (Stream<Path> files = Files.walk(STUDIO)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertFalse(Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/").matcher(text).find(), file + " names another origin");
                assertFalse(text.contains("innerHTML") || text.contains("eval("), file + " builds markup or code from text");
                Matcher imports = IMPORT.matcher(text);
                while (imports.find()) {
                    assertTrue(Files.exists(file.getParent().resolve(imports.group(1))), file + " imports " + imports.group(1));
                    given().get("/studio/" + STUDIO.relativize(file.getParent().resolve(imports.group(1)).normalize()).toString().replace('\\', '/'))
                            .then().statusCode(200);
                }
            }
        }
    }

    /**
     * The keys screen read a lastUsedAt the API never returns (the card's "Last used" could never show): each field it
     * reads of a key ({@code k.name}) is one of the key's fields in the OpenAPI document.
     */
    @Test
    void theKeysScreenReadsOnlyTheFieldsAKeyHas() throws IOException {
        var document = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi").asString());
        var properties = document.at("/components/schemas/KeyView/properties");
        assertTrue(properties.size() > 5, "the key's schema: " + properties);
        Matcher read = Pattern.compile("\\bk\\.([a-zA-Z]+)").matcher(Files.readString(STUDIO.resolve("js/keys.js")));
        int checked = 0;
        while (read.find()) {
            assertTrue(properties.has(read.group(1)), "keys.js reads k." + read.group(1) + ", which a key does not have");
            checked++;
        }
        assertTrue(checked > 10, "the fields read were found: " + checked);
    }

    /**
     * A module that imports a name its module does not export fails to load, and with it every screen that imports it:
     * the browser gives a blank page and a console error, so each named import is checked against the exports here.
     */
    @Test
    void everyNameImportedIsExported() throws IOException {
        int checked = 0;
        try (Stream<Path> files = Files.walk(STUDIO)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher imports = NAMED_IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    Path module = file.getParent().resolve(imports.group(2));
                    String exports = Files.readString(module);
                    for (String name : imports.group(1).split(",")) {
                        String wanted = name.strip();
                        if (wanted.isEmpty()) {
                            continue;
                        }
                        assertTrue(Pattern.compile("export (async )?(function|const|let|class) " + Pattern.quote(wanted) + "\\b").matcher(exports).find(),
                                file.getFileName() + " imports " + wanted + ", which " + module.getFileName() + " does not export");
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 50, "the named imports were found: " + checked);
    }
}
