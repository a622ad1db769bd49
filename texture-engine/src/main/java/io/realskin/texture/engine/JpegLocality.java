package io.realskin.texture.engine;

/**
 * How a JPEG result was made and what stays identical (issue 16): on the {@code coefficient} path the input's
 * quantised DCT coefficients are kept for every block whose pixels the engine did not change, so those blocks
 * decode to exactly the input's pixels in any decoder; on the {@code reencoded} path the whole image was
 * decoded and encoded again (every pixel may change by a few levels), for the {@code reason} given; on the
 * {@code copied} path the coefficient path could not serve either (the {@code reason}), but nothing was changed, so the
 * input's coding was copied bit-exact, every block.
 *
 * @param path             {@link #COEFFICIENT}, {@link #REENCODED} or {@link #COPIED}
 * @param reason           why the coefficient path could not serve (null on it): {@code arithmetic}, {@code 12-bit},
 *                         {@code lossless}, {@code hierarchical}, {@code cmyk}, {@code rgb}, {@code components},
 *                         {@code sampling}, {@code malformed}, {@code exif-orientation}, {@code too-large}, {@code input-format}
 *                         (the input was not a JPEG)
 * @param guarantee        the guarantee in words
 * @param marginPixels     pixels outside the recomputed blocks, but within this many pixels of one, may differ
 *                         (chroma upsampling); 0 without chroma subsampling
 * @param blocksRecomputed 8x8 coefficient blocks (all components) re-computed from the engine's pixels
 * @param blocksCopied     blocks whose coefficients were copied unchanged
 */
public record JpegLocality(String path, String reason, String guarantee, int marginPixels, long blocksRecomputed,
                           long blocksCopied) {
    public static final String COEFFICIENT = "coefficient";
    public static final String REENCODED = "reencoded";
    public static final String COPIED = "copied";

    static JpegLocality coefficient(int marginPixels, long recomputed, long copied) {
        String guarantee = marginPixels == 0
                ? "every 8x8 block whose pixels the restore did not change keeps its quantised DCT coefficients and "
                + "decodes to identical pixels in any decoder; changed blocks lie inside the work area (skin mask x user "
                + "mask) dilated to 8x8 block boundaries"
                : "every pixel farther than " + marginPixels + " px (one MCU) from a recomputed block decodes to identical "
                + "pixels in any decoder (all blocks but the recomputed ones keep their quantised DCT coefficients; chroma "
                + "upsampling blends a recomputed chroma block into its neighbours); recomputed blocks lie inside the work "
                + "area dilated to MCU boundaries";
        return new JpegLocality(COEFFICIENT, null, guarantee, marginPixels, recomputed, copied);
    }

    /**
     * The pixel path served, but nothing was changed: the input's coding is copied bit-exact around the metadata a
     * result carries ({@link io.realskin.imaging.ResultFiles#unchanged}), nothing decoded and encoded again; every one
     * of its {@code blocks} copied. Until 2026-12-07 this said path "reencoded", 0 blocks copied.
     */
    static JpegLocality copied(String reason, long blocks) {
        return new JpegLocality(COPIED, reason, "every pixel: nothing was changed, and the input's quantised DCT "
                + "coefficients are copied bit-exact (only metadata segments rewritten), so the result decodes to "
                + "identical pixels in any decoder", 0, 0, blocks);
    }

    static JpegLocality reencoded(String reason) {
        return new JpegLocality(REENCODED, reason, "none: the whole image was decoded and re-encoded (" + reason
                + "), so pixels outside the work area may change by a few levels", 0, 0, 0);
    }
}
