package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.LintReport;

/** What "left as sent" means for a prompt, to enhance and to lint alike: unchanged, no risk, no finding, its note first. */
final class LeftAsSentCheck {
    static Enhancement assertLeftAsSent(PromptEnhancer enhancer, PromptLinter linter, String prompt, String note) {
        Enhancement e = enhancer.enhance(prompt, null, null);
        assertEquals(prompt, e.prompt());
        assertTrue(e.changes().isEmpty(), e.changes().toString());
        assertEquals(0, e.riskBefore());
        assertEquals(note, e.notes().get(0));
        LintReport lint = linter.lint(prompt, null);
        assertEquals(0, lint.risk());
        assertTrue(lint.findings().isEmpty() && lint.missing().isEmpty(), lint.toString());
        assertEquals(note, lint.notes().get(0));
        return e;
    }

    private LeftAsSentCheck() {
    }
}
