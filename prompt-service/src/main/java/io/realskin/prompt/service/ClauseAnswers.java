package io.realskin.prompt.service;

import java.util.Map;
import java.util.TreeMap;

/**
 * A yes-or-no question about a whole clause, answered once per clause of a text however many matches in it ask: per
 * thread, the answers for the last text asked about (by identity), looked up by position. Thread-safe; holds one text
 * per thread.
 */
final class ClauseAnswers {
    private final Question question;
    private final ThreadLocal<Answers> last = ThreadLocal.withInitial(Answers::new);

    ClauseAnswers(Question question) {
        this.question = question;
    }

    /** The answer for the clause holding {@code at}. */
    boolean at(String text, int at) {
        Answers answers = last.get();
        if (answers.text != text) {
            answers.text = text;
            answers.byStart.clear();
        }
        Map.Entry<Integer, Clause> known = answers.byStart.floorEntry(at);
        if (known != null && at <= known.getValue().end()) {
            return known.getValue().answer();
        }
        int start = ClauseReach.clauseStart(text, at);
        int end = ClauseReach.clauseEnd(text, at);
        boolean answer = question.test(text, start, end);
        answers.byStart.put(start, new Clause(end, answer));
        return answer;
    }

    /** The question, asked of the clause of {@code text} from {@code start} to {@code end}. */
    @FunctionalInterface
    interface Question {
        boolean test(String text, int start, int end);
    }

    private record Clause(int end, boolean answer) {
    }

    private static final class Answers {
        private String text;
        private final TreeMap<Integer, Clause> byStart = new TreeMap<>();
    }
}
