package io.realskin.generation.provider.bfl;

/** FLUX.2 width and height: multiples of 16, at least 64, at most 4 megapixels (aspect kept). */
public final class BflSizes {
    static final long MAX_PIXELS = 4L * 1024 * 1024;

    private BflSizes() {
    }

    public static int[] size(int width, int height) {
        double scale = Math.min(1, Math.sqrt((double) MAX_PIXELS / ((long) width * height)));
        int w = Math.max(64, (int) Math.floor(width * scale / 16) * 16);
        int h = Math.max(64, (int) Math.floor(height * scale / 16) * 16);
        return new int[] {w, h};
    }
}
