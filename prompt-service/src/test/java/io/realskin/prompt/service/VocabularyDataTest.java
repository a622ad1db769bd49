package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Enhancement;
import io.realskin.prompt.domain.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vocabulary is data: a new word is a file edit, and a file that would break idempotence is refused. */
class VocabularyDataTest {

    @TempDir
    Path dir;

    private String productionYaml() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(Fixtures.VOCABULARY)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private RuleBook load(String yaml) throws IOException {
        Path file = dir.resolve("vocabulary.yaml");
        Files.writeString(file, yaml);
        return RuleBook.of(YamlResources.read("file:" + file, Vocabulary.class));
    }

    @Test
    void aNewWordNeedsOnlyADataChange() throws IOException {
        String prompt = "a dazzling portrait of a woman";
        assertTrue(Fixtures.enhancer().enhance(prompt, null, null).prompt().contains("dazzling"), "not in v1");

        String edited = productionYaml()
                .replaceFirst("(?m)^version: \"[^\"]+\"", "version: \"9.9.9\"")
                .replace("phrases: [beautiful, beautifully,", "phrases: [dazzling, beautiful, beautifully,");
        RuleBook book = load(edited);
        Enhancement e = Fixtures.enhancer(book).enhance(prompt, null, null);

        assertFalse(e.prompt().contains("dazzling"), e.prompt());
        assertTrue(e.prompt().startsWith("a portrait of a woman, "), e.prompt());
        assertEquals("9.9.9", e.vocabularyVersion());
        assertTrue(e.changes().stream().anyMatch(c -> "abstract-praise".equals(c.rule()) && "dazzling".equals(c.from())));
    }

    @Test
    void aNewAdditionNeedsOnlyADataChange() throws IOException {
        String edited = productionYaml().replace("additions:\n", """
                additions:
                  - id: vellus-hair
                    group: texture
                    presentWhen: ["vellus hair", "peach fuzz"]
                    text: "faint vellus hair on the cheeks"
                    weight: 2
                    why: "Fine facial hair catches the light on real skin."
                """);
        Enhancement e = Fixtures.enhancer(load(edited)).enhance("portrait of a woman", null, null);
        assertTrue(e.prompt().contains("faint vellus hair on the cheeks"), e.prompt());
    }

    @Test
    void aReplacementThatWouldBeRewrittenAgainIsRefused() throws IOException {
        String broken = productionYaml().replace("replaceWith: \"photographic\"", "replaceWith: \"stunning photographic\"");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> load(broken));
        assertTrue(e.getMessage().contains("render-realism") && e.getMessage().contains("abstract-praise"), e.getMessage());
    }

    @Test
    void anAdditionThatDoesNotRecogniseItselfIsRefused() throws IOException {
        String broken = productionYaml().replace("text: \"natural pores\"", "text: \"natural skin grain\"");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> load(broken));
        assertTrue(e.getMessage().contains("pores"), e.getMessage());
    }

    @Test
    void aTypoInAKeyIsRefused() throws IOException {
        String broken = productionYaml().replace("    replaceWith: \"editorial\"\n    protectNouns: true",
                "    replaceWit: \"editorial\"\n    protectNouns: true");
        assertThrows(RuntimeException.class, () -> load(broken));
    }
}
