package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Intent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Load-time checks that keep the enhancer idempotent whatever the vocabulary says: nothing the enhancer
 * writes may be rewritten again, every added text must count as present once added, and no added text may
 * switch on another addition.
 */
final class VocabularyCheck {

    private VocabularyCheck() {
    }

    static List<String> problems(RuleBook book) {
        Set<String> problems = new LinkedHashSet<>();
        Set<String> written = new LinkedHashSet<>();
        for (RuleBook.CompiledRule rule : book.rules()) {
            String to = rule.spec().replaceWith();
            if (!to.isBlank()) {
                written.add(to);
                book.scan(to).forEach(m -> problems.add("replacement '" + to + "' of rule " + rule.spec().id()
                        + " is itself rewritten by rule " + m.rule().id()));
            }
        }
        List<String> appended = new ArrayList<>();
        for (RuleBook.CompiledAddition addition : book.additions()) {
            for (Intent intent : Intent.values()) {
                String text = addition.spec().textFor(intent);
                if (!book.alreadySays(addition, text)) {
                    problems.add("addition " + addition.spec().id() + " text '" + text + "' does not satisfy its own presentWhen");
                }
                appended.add(text);
            }
        }
        for (String anchor : book.allAnchorTexts()) {
            if (!book.hasAnchor(anchor)) {
                problems.add("anchor text '" + anchor + "' is not recognised by anchor.presentWhen");
            }
            appended.add(anchor);
        }
        for (String text : new LinkedHashSet<>(appended)) {
            book.scan(text).forEach(m -> problems.add("added text '" + text + "' is rewritten by rule " + m.rule().id()));
            if (book.mentionsNonPerson(text)) {
                problems.add("added text '" + text + "' names a non-person subject");
            }
            for (RuleBook.CompiledAddition other : book.additions()) {
                if (!other.requires().isEmpty() && !other.present().foundIn(text) && other.requires().foundIn(text)) {
                    problems.add("added text '" + text + "' switches on addition " + other.spec().id());
                }
            }
        }
        written.addAll(appended);
        String all = String.join(", ", written);
        book.scan(all).forEach(m -> problems.add("text '" + m.text() + "' written by the enhancer is rewritten by rule " + m.rule().id()));
        return List.copyOf(problems);
    }
}
