package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Intent;
import io.realskin.contracts.prompt.LintFinding;
import io.realskin.contracts.prompt.LintReport;
import io.realskin.contracts.prompt.MissingLanguage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores how likely a prompt is to produce plastic skin (0-100) and says why: the risky words, located by
 * offset, and the texture, anti-smoothing and photographic language it lacks. The findings are what
 * {@link PromptEnhancer} rewrites in its first pass; the missing items exactly what it adds.
 */
@Singleton
public class PromptLinter {

    private static final int MAX_RISK = 100;

    private final RuleBook book;
    private final PromptRewriter rewriter;
    private final PromptValidator validator;

    @Inject
    public PromptLinter(RuleBook book, PromptValidator validator) {
        this.book = book;
        this.rewriter = new PromptRewriter(book);
        this.validator = validator;
    }

    /** Lints a user prompt; {@code intent} may be null (inferred). */
    public LintReport lint(String prompt, Intent intent) {
        validator.validate(prompt);
        return analyze(prompt, intent);
    }

    /** The risk of any text, without request validation (used on enhanced prompts). */
    public int risk(String text, Intent intent) {
        return analyze(text, intent).risk();
    }

    /**
     * Only the prompt's body is linted (not a trailing parameter block, {@link PromptParts}); the body is a prefix
     * of the prompt, so the findings' offsets index the prompt as sent (read as {@link TypedText}, mapped back).
     */
    LintReport analyze(String sent, Intent requested) {
        TypedText typed = TypedText.of(sent);
        String prompt = typed.text();
        PromptParts parts = PromptParts.split(prompt);
        String body = parts.body();
        Intent intent = requested != null ? requested : book.inferIntent(body);
        Optional<LeftAsSent> left = LeftAsSent.judge(book, prompt, parts);
        if (left.isPresent()) {
            return new LintReport(0, LintReport.levelOf(0), List.of(), List.of(), intent, left.get().personDetected(),
                    List.of(left.get().note()), book.version());
        }
        List<LintFinding> findings = book.scan(body).stream()
                .map(m -> new LintFinding(m.rule().id(), m.rule().category(), typed.sentStart(m.start()), typed.sentEnd(m.end()),
                        sent.substring(typed.sentStart(m.start()), typed.sentEnd(m.end())),
                        m.rule().weight(), m.rule().why(), m.rule().replaceWith().isBlank() ? null : m.rule().replaceWith()))
                .toList();
        // missing language is judged after the rewrite: words the enhancer removes ("blemish-free") do not
        // count as present, words it puts in ("natural skin texture") do; so `missing` is exactly what it adds
        String rewritten = rewriter.rewrite(body, new ArrayList<>());
        List<MissingLanguage> missing = rewriter.missing(rewritten, intent, parts.excluded());
        int total = findings.stream().mapToInt(LintFinding::weight).sum()
                + missing.stream().mapToInt(MissingLanguage::weight).sum();
        int risk = Math.min(MAX_RISK, total);
        List<String> notes = new ArrayList<>();
        if (risk == 0) {
            notes.add("No plastic-skin risk found: the prompt asks for texture, rejects smoothing and names a lens or film.");
        }
        return new LintReport(risk, LintReport.levelOf(risk), findings, List.copyOf(missing), intent, true,
                notes, book.version());
    }
}
