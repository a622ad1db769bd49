package io.realskin.texture.engine;

/**
 * What a restore did to one face. Texture levels are the skin's fine-band rms relative to its mean luminance, measured
 * at the analysis scale ({@link SkinStatistics#relativeFine()}), so they compare across image sizes.
 *
 * @param x          face box in the image's pixels
 * @param intensity  the level applied (0..100): the one asked for, or the one auto intensity chose; 0 when skipped
 * @param target     the fine-band level this photo's evidence calls for (what intensity 50 brings the skin to)
 * @param before     the skin's fine-band level before the restore (with a user mask: the skin inside it, when that has
 *                   enough to measure; else the whole face's)
 * @param after      the skin's fine-band level after the restore, measured as {@code before} (equal to it when skipped)
 * @param skipped    why the face was left alone (null when restored): {@code too-small} (too little skin to measure),
 *                   {@code outside-mask} (the user's mask excludes it), {@code in-band} (auto: already textured enough),
 *                   {@code at-ceiling} (already carries twice its target's energy or more), {@code intensity-0}
 */
public record FaceRestore(int x, int y, int width, int height, int intensity, double target, double before, double after,
                          String skipped) {
}
