package io.realskin.contracts.texture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviewAnswerTest {
    @Test
    void theHeadersReadBackAsTheAnswerAndWriteAgainTheSame() {
        PreviewAnswer answer = new PreviewAnswer(2, List.of(50, 37), 0.8, 0.55);

        Map<String, String> headers = answer.headers();

        assertEquals(Map.of("X-Faces", "2", "X-Face-Intensities", "50,37", "X-Plastic-Score-Before", "0.8000",
                "X-Plastic-Score-After", "0.5500"), headers);
        assertEquals(List.of("X-Faces", "X-Face-Intensities", "X-Plastic-Score-Before", "X-Plastic-Score-After"),
                List.copyOf(headers.keySet()));
        assertEquals(answer, PreviewAnswer.read(headers::get));
        assertEquals(headers, PreviewAnswer.read(headers::get).headers());
    }

    @Test
    void withoutAFaceOnlyTheCountIsSaid() {
        PreviewAnswer none = new PreviewAnswer(0, null, null, null);

        assertEquals(Map.of("X-Faces", "0"), none.headers());
        assertEquals(none, PreviewAnswer.read(none.headers()::get));
    }

    @Test
    void headersNotAsWrittenAreRefused() {
        for (Map<String, String> bad : List.of(Map.<String, String>of(), Map.of("X-Faces", "one"),
                Map.of("X-Faces", "1", "X-Face-Intensities", "50,x"), Map.of("X-Faces", "1", "X-Plastic-Score-After", "waxy"))) {
            assertThrows(IllegalArgumentException.class, () -> PreviewAnswer.read(bad::get), bad.toString());
        }
    }
}
