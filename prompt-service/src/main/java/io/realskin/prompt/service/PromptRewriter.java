package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Change;
import io.realskin.contracts.prompt.ChangeKind;
import io.realskin.contracts.prompt.Intent;
import io.realskin.contracts.prompt.MissingLanguage;

import java.util.ArrayList;
import java.util.List;

/**
 * The two steps the enhancer takes and the linter predicts: rewriting rule matches, and finding which
 * texture, anti-smoothing and anchor language the rewritten prompt still lacks.
 */
final class PromptRewriter {

    static final String ANCHOR_ID = "lens-anchor";
    private static final int MAX_PASSES = 5;

    private final RuleBook book;

    PromptRewriter(RuleBook book) {
        this.book = book;
    }

    /** The additions {@code text} lacks, in the order the enhancer appends them. */
    List<MissingLanguage> missing(String text, Intent intent) {
        List<MissingLanguage> missing = new ArrayList<>();
        for (RuleBook.CompiledAddition addition : book.additions()) {
            if (addition.appliesTo(text) && !addition.present().foundIn(text)) {
                missing.add(new MissingLanguage(addition.spec().id(), addition.spec().group(),
                        addition.spec().textFor(intent), addition.spec().weight(), addition.spec().why()));
            }
        }
        if (!book.hasAnchor(text)) {
            missing.add(new MissingLanguage(ANCHOR_ID, "anchor", book.anchorFor(intent, text), book.anchorWeight(), book.anchorWhy()));
        }
        return missing;
    }

    /**
     * Applies the vocabulary's rules until nothing matches, recording each replacement or removal.
     *
     * @return the rewritten text; words outside rule matches are untouched
     */
    String rewrite(String prompt, List<Change> changes) {
        String text = prompt;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<RuleMatch> matches = book.scan(text);
            if (matches.isEmpty()) {
                break;
            }
            StringBuilder out = new StringBuilder(text);
            for (int i = matches.size() - 1; i >= 0; i--) {
                RuleMatch m = matches.get(i);
                String to = replacementFor(m);
                int end = to.isEmpty() ? removalEnd(text, m) : m.end();
                out.replace(m.start(), end, to);
                agreeArticle(out, m.start());
            }
            for (RuleMatch m : matches) {
                String to = replacementFor(m);
                changes.add(to.isEmpty()
                        ? new Change(ChangeKind.REMOVED, m.rule().id(), m.text(), null, m.rule().why())
                        : new Change(ChangeKind.REPLACED, m.rule().id(), m.text(), to, m.rule().why()));
            }
            text = keepLeadingCapital(text, TextCleaner.clean(out.toString()));
        }
        return text;
    }

    /**
     * Where a removal ends: a word removed from inside a phrase ("a stunning, candid portrait") takes its
     * comma with it; one removed from a comma list ("woman, stunning, 35mm") leaves the commas to the cleaner.
     */
    private static int removalEnd(String text, RuleMatch m) {
        int before = m.start() - 1;
        while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
            before--;
        }
        int after = m.end();
        while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
            after++;
        }
        boolean insidePhrase = before >= 0 && Character.isLetterOrDigit(text.charAt(before));
        return insidePhrase && after < text.length() && text.charAt(after) == ',' ? after + 1 : m.end();
    }

    /**
     * After an edit at {@code at}, makes an article right before it agree with the word now after it
     * ("a glamour portrait" -> "an editorial portrait", "an amazing woman" -> "a woman"). Only edit sites are touched.
     */
    private static void agreeArticle(StringBuilder text, int at) {
        int articleEnd = at;
        while (articleEnd > 0 && (text.charAt(articleEnd - 1) == ' ' || text.charAt(articleEnd - 1) == '\t')) {
            articleEnd--;
        }
        int articleStart = articleEnd;
        while (articleStart > 0 && Character.isLetter(text.charAt(articleStart - 1))) {
            articleStart--;
        }
        if (articleEnd == at || (articleStart > 0 && Character.isLetterOrDigit(text.charAt(articleStart - 1)))) {
            return;
        }
        String article = text.substring(articleStart, articleEnd);
        if (!article.equalsIgnoreCase("a") && !article.equalsIgnoreCase("an")) {
            return;
        }
        int next = at;
        while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
            next++;
        }
        if (next >= text.length() || !Character.isLetter(text.charAt(next))) {
            return;
        }
        boolean vowel = "aeiouAEIOU".indexOf(text.charAt(next)) >= 0;
        String agreed = (Character.isUpperCase(article.charAt(0)) ? "A" : "a") + (vowel ? "n" : "");
        text.replace(articleStart, articleEnd, agreed);
    }

    private static String replacementFor(RuleMatch m) {
        String to = m.rule().replaceWith();
        if (!to.isEmpty() && Character.isUpperCase(m.text().charAt(0))) {
            return Character.toUpperCase(to.charAt(0)) + to.substring(1);
        }
        return to;
    }

    private static String keepLeadingCapital(String before, String after) {
        if (!before.isEmpty() && !after.isEmpty() && Character.isUpperCase(before.charAt(0))
                && Character.isLowerCase(after.charAt(0))) {
            return Character.toUpperCase(after.charAt(0)) + after.substring(1);
        }
        return after;
    }
}
