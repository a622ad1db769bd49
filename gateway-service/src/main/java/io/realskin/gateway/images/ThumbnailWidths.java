package io.realskin.gateway.images;

import io.realskin.contracts.blob.BlobKeys;
import io.realskin.support.problem.InvalidRequest;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The widths a thumbnail comes in, and where each is stored. Only these few (a client cannot make the service render
 * and store arbitrary sizes): 160 for a list row, 320 for a card, 640 for a card on a 2x display. A thumbnail is stored
 * beside its source's blob key, under {@code thumbnails/<the source's blob key>/<width>}, so the image's tenant is in
 * its key and {@link ImageDeletion} finds every one of them from the source's key alone.
 *
 * <p>{@link #RENDITION} is the version of what texture-service renders (format, quality, resampling). Raise it with a
 * change that should reach clients: the new thumbnails get keys of their own ({@code …/<width>-r<rendition>}), so the
 * stored ones of the old renderer are no longer answered, and tags of their own, so a client that revalidates gets them.
 * {@link #keys} still lists every earlier rendition's keys, so a deletion removes those too.
 */
public final class ThumbnailWidths {
    public static final List<Integer> ALLOWED = List.of(160, 320, 640);
    static final int RENDITION = 3;

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
        throw InvalidRequest.naming("width must be one of " + allowed + ", was '" + (width == null ? "" : width) + "'", List.of("width"))
                .with("allowedWidths", ALLOWED).exception();
    }

    /** Where the thumbnail of the blob at this width is stored. */
    public static String key(String sourceBlobKey, int width) {
        return key(sourceBlobKey, width, RENDITION);
    }

    /** The first rendition's keys have no suffix: they were stored before renditions were counted. */
    static String key(String sourceBlobKey, int width, int rendition) {
        return BlobKeys.THUMBNAILS + sourceBlobKey + "/" + width + (rendition == 1 ? "" : "-r" + rendition);
    }

    /** Every thumbnail key the blob may have, of this rendition and every earlier one. */
    public static List<String> keys(String sourceBlobKey) {
        return keys(sourceBlobKey, RENDITION);
    }

    static List<String> keys(String sourceBlobKey, int rendition) {
        return IntStream.rangeClosed(1, rendition).boxed()
                .flatMap(r -> ALLOWED.stream().map(width -> key(sourceBlobKey, width, r))).toList();
    }

    /**
     * The thumbnail's strong ETag, from what its bytes are a function of: the image's bytes (their SHA-256), the width
     * asked and the renderer's rendition. Computed from the image's row alone, so a 304 never needs the thumbnail.
     */
    public static String etag(String sha256, int width) {
        return "\"" + sha256 + "-" + width + "-r" + RENDITION + "\"";
    }
}
