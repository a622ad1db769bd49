package io.realskin.gateway.images;

import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemTypes;
import java.util.List;

/**
 * The widths a thumbnail comes in, and where each is stored. Only these few (a client cannot make the service render
 * and store arbitrary sizes): 160 for a list row, 320 for a card, 640 for a card on a 2x display. A thumbnail is stored
 * beside its source's blob key, under {@code thumbnails/<the source's blob key>/<width>}, so the image's tenant is in
 * its key and {@link ImageDeletion} finds every one of them from the source's key alone.
 */
public final class ThumbnailWidths {
    public static final List<Integer> ALLOWED = List.of(160, 320, 640);

    private ThumbnailWidths() {
    }

    /**
     * The width asked for; 400 invalid-request for anything else (absent too), naming the allowed widths in its detail
     * and in {@code allowedWidths}.
     */
    public static int parse(String width) {
        for (int allowed : ALLOWED) {
            if (String.valueOf(allowed).equals(width)) {
                return allowed;
            }
        }
        String allowed = String.join(", ", ALLOWED.stream().map(String::valueOf).toList());
        throw Problem.of(ProblemTypes.INVALID_REQUEST, "width must be one of " + allowed + ", was '" + (width == null ? "" : width) + "'")
                .with("field", "width").with("allowedWidths", ALLOWED).exception();
    }

    /** Where the thumbnail of the blob at this width is stored. */
    public static String key(String sourceBlobKey, int width) {
        return "thumbnails/" + sourceBlobKey + "/" + width;
    }

    /** Every thumbnail key the blob may have. */
    public static List<String> keys(String sourceBlobKey) {
        return ALLOWED.stream().map(width -> key(sourceBlobKey, width)).toList();
    }
}
