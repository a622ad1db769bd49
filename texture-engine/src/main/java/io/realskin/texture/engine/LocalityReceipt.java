package io.realskin.texture.engine;

import java.util.List;

/**
 * Proof of where a restore changed pixels, on every {@link RestoreResult}: how many decoded pixels differ between the
 * input and the output, the boxes the engine's changes lie in, and the SHA-256 of the decoded input and output with
 * every sample inside those boxes set to 0 ({@link OutsideHash} defines the bytes). Equal hashes prove that no pixel
 * outside the boxes changed; a client recomputes them from the two files with any decoder (docs/texture-engine.md,
 * "Locality receipt").
 *
 * @param changedPixels pixels of the decoded output that differ from the decoded input in any sample (every pixel
 *                      when the two decode to different layouts, e.g. a 16-bit PNG written as JPEG)
 * @param boxes         one box per face whose pixels the restore changed, in detection order: the bounding box of that
 *                      face's changed pixels; on the JPEG coefficient path grown to MCU boundaries and, with chroma
 *                      subsampling, by {@link JpegLocality#marginPixels()} (clipped to the image). Empty when nothing
 *                      changed
 * @param layoutBefore  the hashed layout of the decoded input: {@code gray8}, {@code rgb8}, {@code rgba8},
 *                      {@code gray16be}, {@code rgb16be}, {@code rgba16be}
 * @param sha256Before  lower-case hex SHA-256 of the decoded input, boxes blanked
 * @param layoutAfter   the hashed layout of the decoded output
 * @param sha256After   lower-case hex SHA-256 of the decoded output, boxes blanked
 * @param identical     the two hashes (and layouts) are equal: every pixel outside the boxes is unchanged. False on
 *                      a re-encoded JPEG ({@link JpegLocality#REENCODED}), where re-encoding moves pixels everywhere
 */
public record LocalityReceipt(long changedPixels, List<Box> boxes, String layoutBefore, String sha256Before,
                              String layoutAfter, String sha256After, boolean identical) {
    public LocalityReceipt {
        boxes = List.copyOf(boxes);
    }

    /** A rectangle in the upright image's pixels: columns {@code x .. x+width-1}, rows {@code y .. y+height-1}. */
    public record Box(int x, int y, int width, int height) {
        public boolean contains(int px, int py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }
    }
}
