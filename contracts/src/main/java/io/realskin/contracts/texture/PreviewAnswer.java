package io.realskin.contracts.texture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What texture-service's {@code POST /texture/preview} answers beside the restored image (the body, in the input's
 * format): the faces found, the level each face got (in detection order; with intensity {@code auto} the one the
 * engine chose) and the image's plastic-skin score before and after (null without a measurable face). They travel as
 * headers, which {@link #headers} writes and {@link #read} reads back; the gateway passes them on to its caller as
 * they are.
 */
public record PreviewAnswer(int faces, List<Integer> faceIntensities, Double plasticScoreBefore, Double plasticScoreAfter) {
    public static final String FACES = "X-Faces";
    public static final String FACE_INTENSITIES = "X-Face-Intensities";
    public static final String PLASTIC_SCORE_BEFORE = "X-Plastic-Score-Before";
    public static final String PLASTIC_SCORE_AFTER = "X-Plastic-Score-After";

    public PreviewAnswer {
        faceIntensities = faceIntensities == null ? List.of() : List.copyOf(faceIntensities);
    }

    /** The answer's headers, in this order: faces always; the intensities when a face got one; each score when measured (4 decimals). */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(FACES, String.valueOf(faces));
        if (!faceIntensities.isEmpty()) {
            headers.put(FACE_INTENSITIES, faceIntensities.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (plasticScoreBefore != null) {
            headers.put(PLASTIC_SCORE_BEFORE, score(plasticScoreBefore));
        }
        if (plasticScoreAfter != null) {
            headers.put(PLASTIC_SCORE_AFTER, score(plasticScoreAfter));
        }
        return headers;
    }

    /**
     * The answer from its headers ({@code header} gives a header's value by name, or null).
     *
     * @throws IllegalArgumentException a header missing or not as {@link #headers} writes it
     */
    public static PreviewAnswer read(Function<String, String> header) {
        String faces = header.apply(FACES);
        if (faces == null) {
            throw new IllegalArgumentException("no " + FACES + " header");
        }
        List<Integer> intensities = new ArrayList<>();
        String levels = header.apply(FACE_INTENSITIES);
        if (levels != null && !levels.isBlank()) {
            for (String level : levels.split(",")) {
                intensities.add(number(FACE_INTENSITIES, level));
            }
        }
        return new PreviewAnswer(number(FACES, faces), intensities, score(header, PLASTIC_SCORE_BEFORE),
                score(header, PLASTIC_SCORE_AFTER));
    }

    private static String score(double score) {
        return String.format(Locale.ROOT, "%.4f", score);
    }

    private static Double score(Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a score: '" + value + "'");
        }
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a whole number: '" + value + "'");
        }
    }
}
