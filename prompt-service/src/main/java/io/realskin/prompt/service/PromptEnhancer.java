package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Change;
import io.realskin.contracts.prompt.ChangeKind;
import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.Intent;
import io.realskin.contracts.prompt.MissingLanguage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a portrait prompt so the model is asked for photographed skin:
 * <ol>
 *   <li>abstract quality words, render vocabulary and smoothing requests are replaced or removed (the
 *       vocabulary's {@code rules}), repeated until nothing matches;</li>
 *   <li>texture, photographic and anti-smoothing language the prompt lacks is appended ({@code additions});</li>
 *   <li>a lens, film or camera anchor is appended only when the prompt names none, chosen by intent.</li>
 * </ol>
 * Words outside a rule match are never changed, so the user's subject, pose, wardrobe, makeup and light
 * stay word for word; a trailing parameter block ({@link PromptParts}) stays byte for byte at the end.
 * Enhancing an enhanced prompt changes nothing. A prompt pasted as JSON, one without a person, or one that asks for a
 * medium other than a photograph comes back unchanged, with a note ({@link LeftAsSent}).
 */
@Singleton
public class PromptEnhancer {

    static final String TAIL_NOTE = "The trailing parameters or settings (Midjourney --parameters, a Negative prompt:, Avoid: or Exclude: list) "
            + "are kept unchanged at the end; additions go before them.";

    /**
     * A Midjourney multi-prompt separator ending the prompt ("a woman:: freckles::"): the additions go after it as a part of
     * their own. Until 2026-12-07 it was dropped with the trailing colons, and the additions joined the last part.
     */
    private static final Pattern TRAILING_PART_SEPARATOR = Pattern.compile("(?<!:)::[ \\t]*$");
    private static final Pattern TRAILING_STOP = Pattern.compile("[…" + TextCleaner.STOPS + "]+$");

    private final RuleBook book;
    private final PromptRewriter rewriter;
    private final PromptLinter linter;
    private final PromptValidator validator;

    @Inject
    public PromptEnhancer(RuleBook book, PromptLinter linter, PromptValidator validator) {
        this.book = book;
        this.rewriter = new PromptRewriter(book);
        this.linter = linter;
        this.validator = validator;
    }

    /**
     * @param model  the target model, or null; decides whether a negative prompt is returned
     * @param intent the portrait's purpose, or null to infer it from the prompt
     */
    public Enhancement enhance(String sent, ImageModel model, Intent intent) {
        validator.validate(sent);
        TypedText typed = TypedText.of(sent);
        String prompt = typed.text();
        PromptParts parts = PromptParts.split(prompt);
        String body = parts.body();
        List<String> notes = new ArrayList<>();
        Intent used = intent;
        if (used == null) {
            used = book.inferIntent(body);
            notes.add("Intent inferred from the prompt: " + used.wire() + ".");
        }
        if (model != null && model.avoidForPhotorealSkin()) {
            notes.add(model.displayName() + " smooths skin by default; for photoreal portraits prefer a higher-ranked "
                    + "model from GET /v1/models.");
        }
        Optional<LeftAsSent> left = LeftAsSent.judge(book, prompt, parts);
        if (left.isPresent()) {
            notes.add(0, left.get().note());
            return new Enhancement(sent, null, List.of(), 0, 0, used, left.get().personDetected(), notes, book.version());
        }
        List<Change> changes = new ArrayList<>();
        String rewritten = rewriter.rewrite(body, changes);
        List<String> added = additions(rewritten, used, parts.excluded(), changes);
        notes.addAll(rewriter.leftOutNotes(rewritten, used, parts.excluded()));
        // the tail as sent, byte for byte: it was only read as typed text to find where it starts
        String tail = sent.substring(typed.sentStart(body.length()));
        String enhanced = changes.isEmpty() ? sent : append(rewritten, added) + tail;
        if (changes.isEmpty()) {
            notes.add("Nothing to change: the prompt already asks for photographed skin.");
        }
        if (parts.hasTail()) {
            notes.add(TAIL_NOTE);
        }
        return new Enhancement(enhanced, negativePromptFor(model), changes,
                linter.risk(prompt, used), linter.risk(enhanced, used), used, true, notes, book.version());
    }

    private List<String> additions(String text, Intent intent, String excluded, List<Change> changes) {
        List<String> added = new ArrayList<>();
        for (MissingLanguage missing : rewriter.missing(text, intent, excluded)) {
            added.add(missing.suggestion());
            changes.add(new Change(ChangeKind.ADDED, missing.id(), null, missing.suggestion(), missing.why()));
        }
        return added;
    }

    /**
     * Appends the added language as a comma list, keeping the prompt's final full stop or exclamation at the very end; after
     * a final question mark, which stays where the user put it.
     */
    private static String append(String text, List<String> added) {
        if (added.isEmpty()) {
            return text;
        }
        String body = text.stripTrailing();
        String stop = "";
        Matcher m = TRAILING_STOP.matcher(body);
        if (m.find()) {
            stop = m.group();
            body = body.substring(0, m.start());
        }
        String list = String.join(", ", added);
        if (TRAILING_PART_SEPARATOR.matcher(body).find()) {
            return body.stripTrailing() + " " + list + stop;
        }
        body = body.replaceAll("[\\s:" + TextCleaner.SEPARATORS + "]+$", "");
        if (stop.indexOf('?') >= 0 || stop.indexOf('？') >= 0) {
            // the user's question stays theirs: "portrait of a man?" -> "portrait of a man? unretouched ..., 85mm lens",
            // not "..., 85mm lens?", which asks about the lens
            return body.isEmpty() ? list : body + stop + " " + list;
        }
        return (body.isEmpty() ? list : body + ", " + list) + stop;
    }

    private String negativePromptFor(ImageModel model) {
        if (book.negativePrompt().isEmpty() || (model != null && !model.takesNegativePrompt())) {
            return null;
        }
        return String.join(", ", book.negativePrompt());
    }
}
