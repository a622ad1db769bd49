package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.LintFinding;
import io.realskin.contracts.prompt.LintReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Properties over 200 generated prompts: idempotence, lint offsets, user words kept, risk never rises. Enhancing is what
 * costs (tens of ms a prompt; generating and linting take a fraction of that): the properties that read a prompt's
 * enhancement share one set of prompts, each enhanced once, instead of each enhancing 200 of its own. Each of them
 * still checks 200 prompts; the lint property and the per-intent one keep their own.
 */
class EnhancerPropertiesTest {

    private static final int PROMPTS = 200;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** The prompts the enhancement properties share, and their enhancement without intent (the enhancer is deterministic). */
    private static final List<String> SHARED = prompts(7L);
    private static final Map<String, Enhancement> ENHANCED = new ConcurrentHashMap<>();

    private final PromptEnhancer enhancer = Fixtures.enhancer();
    private final PromptLinter linter = Fixtures.linter();

    private Enhancement enhanced(String prompt) {
        return ENHANCED.computeIfAbsent(prompt, p -> enhancer.enhance(p, null, null));
    }

    private static List<String> prompts(long seed) {
        PromptGenerator generator = new PromptGenerator(seed, Fixtures.vocabulary());
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < PROMPTS; i++) {
            prompts.add(generator.next());
        }
        return prompts;
    }

    @Test
    void enhancingAnEnhancedPromptChangesNothing() {
        List<String> failures = new ArrayList<>();
        for (String prompt : SHARED) {
            Enhancement once = enhanced(prompt);
            Enhancement twice = enhancer.enhance(once.prompt(), null, null);
            if (!once.prompt().equals(twice.prompt()) || !twice.changes().isEmpty()) {
                failures.add("\n  p:  " + prompt + "\n  e1: " + once.prompt() + "\n  e2: " + twice.prompt() + "\n  changes: " + twice.changes());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + PROMPTS + " prompts are not idempotent:" + String.join("", failures));
        }
    }

    @Test
    void idempotentForEveryIntent() {
        for (String prompt : prompts(11L).subList(0, 50)) {
            for (io.realskin.contracts.prompt.Intent intent : io.realskin.contracts.prompt.Intent.values()) {
                String once = enhancer.enhance(prompt, null, intent).prompt();
                assertEquals(once, enhancer.enhance(once, null, intent).prompt(), () -> prompt + " / " + intent);
                assertEquals(once, enhancer.enhance(once, null, null).prompt(), () -> prompt + " / inferred after " + intent);
            }
        }
    }

    @Test
    void lintOffsetsLocateTheMatchedText() {
        int checked = 0;
        List<String> prompts = new ArrayList<>(prompts(13L));
        prompts.add("👩🏽 STUNNING woman, 8K, smooth skin — flawless; 🎞 cinematic");
        prompts.add("Ünïcödé portrait of a woman: gorgeous, ultra-detailed, Photorealistic");
        for (String prompt : prompts) {
            LintReport report = linter.lint(prompt, null);
            for (LintFinding f : report.findings()) {
                assertTrue(f.start() >= 0 && f.end() <= prompt.length() && f.start() < f.end(), f::toString);
                assertEquals(f.text(), prompt.substring(f.start(), f.end()), () -> prompt + " " + f);
                checked++;
            }
            for (int i = 1; i < report.findings().size(); i++) {
                assertTrue(report.findings().get(i - 1).end() <= report.findings().get(i).start(), "findings overlap in " + prompt);
            }
        }
        assertTrue(checked > 100, "only " + checked + " findings checked");
    }

    @Test
    void lintFindsExactlyWhatEnhanceRewrites() {
        for (String prompt : SHARED) {
            LintReport report = linter.lint(prompt, null);
            Enhancement result = enhanced(prompt);
            List<String> linted = report.findings().stream().map(f -> f.rule() + ":" + f.text()).toList();
            List<String> rewritten = result.changes().stream()
                    .filter(c -> c.from() != null)
                    .map(c -> c.rule() + ":" + c.from())
                    .toList();
            assertTrue(rewritten.containsAll(linted), () -> prompt + "\n lint: " + linted + "\n enhance: " + rewritten);
            List<String> missing = report.missing().stream().map(m -> m.id()).toList();
            List<String> added = result.changes().stream().filter(c -> c.from() == null).map(c -> c.rule()).toList();
            assertEquals(missing, added, () -> "lint missing vs enhance additions for " + prompt);
        }
    }

    @Test
    void userWordsOutsideRuleMatchesAreKeptInOrder() {
        for (String prompt : SHARED) {
            LintReport report = linter.lint(prompt, null);
            StringBuilder kept = new StringBuilder(prompt);
            for (int i = report.findings().size() - 1; i >= 0; i--) {
                LintFinding f = report.findings().get(i);
                kept.replace(f.start(), f.end(), "\u0000");
            }
            List<String> userWords = new ArrayList<>();
            List<String> clauses = List.of(kept.toString().split("[,;\n]"));
            for (String clause : clauses) {
                // a clause a removal leaves as a copy of another goes ("perfect face, face" keeps one "face")
                boolean leftCopy = clause.indexOf('\u0000') >= 0 && !words(clause).isEmpty()
                        && clauses.stream().filter(c -> words(c).equals(words(clause))).count() > 1;
                if (!leftCopy) {
                    userWords.addAll(words(clause));
                }
            }
            List<String> enhancedWords = words(enhanced(prompt).prompt());
            int j = 0;
            for (String w : enhancedWords) {
                if (j < userWords.size() && sameWord(userWords.get(j), w)) {
                    j++;
                }
            }
            int matched = j;
            assertEquals(userWords.size(), matched, () -> "user words lost: " + prompt + " -> " + userWords.subList(matched, userWords.size()));
        }
    }

    @Test
    void riskNeverRisesAndEnhancedPersonPromptsLintClean() {
        for (String prompt : SHARED) {
            Enhancement result = enhanced(prompt);
            assertTrue(result.riskAfter() <= result.riskBefore(), prompt);
            if (result.personDetected()) {
                LintReport after = linter.lint(result.prompt(), null);
                assertTrue(after.findings().isEmpty() && after.missing().isEmpty(), () -> result.prompt() + " " + after);
            }
        }
    }

    /** Articles may agree with the word after an edit ("a glamour" -> "an editorial"). */
    private static boolean sameWord(String user, String enhanced) {
        return user.equals(enhanced) || (user.matches("an?") && enhanced.matches("an?"));
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
