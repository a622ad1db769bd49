package io.realskin.prompt.service;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Spans (they may overlap or be empty) asked whether any of them overlaps a given span, in O(log n) a question: sorted
 * by start, with the furthest end among each prefix. A list scanned for each match made a prompt with many matches
 * and many spans (LoRA tags, negated matches) quadratic. Immutable.
 */
final class SpanIndex {
    static final SpanIndex EMPTY = new SpanIndex(List.of());

    private final int[] starts;
    /** The furthest end among the spans at and before each index of {@link #starts}. */
    private final int[] furthestEnds;

    private SpanIndex(List<PhraseSet.Span> spans) {
        PhraseSet.Span[] sorted = spans.toArray(PhraseSet.Span[]::new);
        Arrays.sort(sorted, Comparator.comparingInt(PhraseSet.Span::start));
        starts = new int[sorted.length];
        furthestEnds = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            starts[i] = sorted[i].start();
            furthestEnds[i] = i == 0 ? sorted[i].end() : Math.max(furthestEnds[i - 1], sorted[i].end());
        }
    }

    static SpanIndex of(List<PhraseSet.Span> spans) {
        return spans.isEmpty() ? EMPTY : new SpanIndex(spans);
    }

    /** Whether a span {@code o} has {@code o.start < end && start < o.end}: the spans share a character, or an empty one lies inside. */
    boolean overlaps(int start, int end) {
        int before = startsBefore(end);
        return before > 0 && furthestEnds[before - 1] > start;
    }

    boolean overlaps(PhraseSet.Span span) {
        return overlaps(span.start(), span.end());
    }

    /** How many spans start before {@code at}. */
    private int startsBefore(int at) {
        int low = 0;
        int high = starts.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] < at) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
