package io.realskin.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
