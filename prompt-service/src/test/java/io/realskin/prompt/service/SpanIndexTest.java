package io.realskin.prompt.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link SpanIndex} answers as the list scan it replaces: any span {@code o} with {@code o.start < end && start < o.end}. */
class SpanIndexTest {

    /** The scan the index replaced. */
    private static boolean overlapsAnyNaively(List<PhraseSet.Span> spans, int start, int end) {
        return spans.stream().anyMatch(o -> start < o.end() && o.start() < end);
    }

    private static List<PhraseSet.Span> spans(String list) {
        List<PhraseSet.Span> spans = new ArrayList<>();
        for (String pair : list == null || list.isBlank() ? new String[0] : list.trim().split(" ")) {
            String[] ends = pair.split("-");
            spans.add(new PhraseSet.Span(Integer.parseInt(ends[0]), Integer.parseInt(ends[1])));
        }
        return spans;
    }

    @ParameterizedTest(name = "[{0}] overlaps {1}-{2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
                            | 0  | 5  | false
            2-4             | 0  | 2  | false
            2-4             | 4  | 6  | false
            2-4             | 3  | 3  | true
            2-4             | 1  | 3  | true
            2-4             | 0  | 10 | true
            10-12 2-4       | 5  | 9  | false
            10-12 2-4       | 11 | 20 | true
            0-100 10-12     | 50 | 51 | true
            10-12 0-100     | 50 | 51 | true
            5-5             | 4  | 6  | true
            5-5             | 5  | 6  | false
            5-5             | 4  | 5  | false
            1-9 3-4 6-7     | 9  | 12 | false
            6-7 3-4 1-9     | 8  | 9  | true
            """)
    void answersAsTheScan(String list, int start, int end, boolean overlaps) {
        List<PhraseSet.Span> spans = spans(list);
        assertEquals(overlaps, overlapsAnyNaively(spans, start, end));
        assertEquals(overlaps, SpanIndex.of(spans).overlaps(start, end));
        assertEquals(overlaps, SpanIndex.of(spans).overlaps(new PhraseSet.Span(start, end)));
    }

    @Test
    void answersAsTheScanOnRandomSpans() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<PhraseSet.Span> spans = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                int start = random.nextInt(60);
                spans.add(new PhraseSet.Span(start, start + random.nextInt(random.nextBoolean() ? 4 : 30)));
            }
            SpanIndex index = SpanIndex.of(spans);
            for (int start = 0; start < 70; start++) {
                for (int end = start; end < 72; end += 1 + random.nextInt(3)) {
                    assertEquals(overlapsAnyNaively(spans, start, end), index.overlaps(start, end), spans + " " + start + "-" + end);
                }
            }
        }
    }
}
