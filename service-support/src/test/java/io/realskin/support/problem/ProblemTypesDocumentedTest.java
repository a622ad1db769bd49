package io.realskin.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The one list of problem types against itself and the documentation partners read. */
class ProblemTypesDocumentedTest {
    private static final Path DOCS = Path.of("..", "docs");
    /** A row of docs/api.md's problem table: | `slug` | status | ... */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

    private static List<ProblemType> catalogue() throws IllegalAccessException {
        List<ProblemType> types = new ArrayList<>();
        for (Field field : ProblemTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProblemType.class) {
                types.add((ProblemType) field.get(null));
            }
        }
        return types;
    }

    @Test
    void eachSlugIsOneTypeAndNamedLikeItsConstant() throws Exception {
        Map<String, ProblemType> bySlug = new HashMap<>();
        for (Field field : ProblemTypes.class.getDeclaredFields()) {
            if (field.getType() != ProblemType.class) {
                continue;
            }
            ProblemType type = (ProblemType) field.get(null);
            assertEquals(field.getName(), type.slug().toUpperCase(Locale.ROOT).replace('-', '_'), "constant and slug");
            assertTrue(type.slug().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), type.slug());
            assertTrue(type.status() >= 400 && type.status() <= 599, type.slug() + " " + type.status());
            assertNull(bySlug.put(type.slug(), type), "one type per slug: " + type.slug());
        }
        assertTrue(bySlug.size() > 30, "the catalogue was read: " + bySlug.keySet());
    }

    @Test
    void theApiProblemTableSaysEachTypesStatusAndNamesNoOther() throws Exception {
        Map<String, Integer> statusBySlug = new HashMap<>();
        catalogue().forEach(type -> statusBySlug.put(type.slug(), type.status()));
        Matcher row = TABLE_ROW.matcher(Files.readString(DOCS.resolve("api.md")));
        int rows = 0;
        while (row.find()) {
            rows++;
            String slug = row.group(1);
            assertTrue(statusBySlug.containsKey(slug), "docs/api.md lists " + slug + ", which no service answers");
            assertEquals(statusBySlug.get(slug), Integer.valueOf(row.group(2)), "docs/api.md's status of " + slug);
        }
        assertTrue(rows > 20, "the problem table was found: " + rows + " rows");
    }

    @Test
    void everyTypeIsDocumented() throws Exception {
        String docs = readDocs();
        for (ProblemType type : catalogue()) {
            assertTrue(docs.contains("`" + type.slug() + "`"), type.slug() + " is in no page of docs/");
        }
    }

    private static String readDocs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                all.append(Files.readString(page)).append('\n');
            }
        }
        return all.toString();
    }
}
