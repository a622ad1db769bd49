package io.realskin.generation.provider.bfl;

/** FLUX.2 width and height: multiples of 16, at least 64, at most 4 megapixels (aspect kept). */
public final class BflSizes {
    /**
     * BFL's reference says "4MP total" without saying which megapixel; its own client refuses more than 4,000,000
     * pixels, so a size is kept under that (valid under either reading of 4 MP).
     */
    static final long MAX_PIXELS = 4_000_000;
    private static final int STEP = 16;
    private static final int MIN_SIDE = 64;

    private BflSizes() {
    }

    public static int[] size(int width, int height) {
        double scale = Math.min(1, Math.sqrt((double) MAX_PIXELS / ((long) width * height)));
        int w = Math.max(MIN_SIDE, (int) Math.floor(width * scale / STEP) * STEP);
        int h = Math.max(MIN_SIDE, (int) Math.floor(height * scale / STEP) * STEP);
        // a side raised to the minimum can take a very long image past the limit: the long side gives way
        if ((long) w * h > MAX_PIXELS) {
            if (w >= h) w = (int) (MAX_PIXELS / h / STEP * STEP);
            else h = (int) (MAX_PIXELS / w / STEP * STEP);
        }
        return new int[] {w, h};
    }
}
