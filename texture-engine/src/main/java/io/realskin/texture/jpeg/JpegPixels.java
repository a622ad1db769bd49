package io.realskin.texture.jpeg;

import org.opencv.core.Mat;
import org.opencv.core.Rect;


/**
 * Pixels back into coefficients: the re-quantisation of what the engine changed in a part of an image.
 */
public final class JpegPixels {
    /** JFIF RGB -> YCbCr rows (R, G, B weights); the same matrix takes RGB differences to YCbCr differences. */
    private static final double[][] RGB_TO_YCC = {
        {0.299, 0.587, 0.114}, {-0.168736, -0.331264, 0.5}, {0.5, -0.418688, -0.081312}};

    private JpegPixels() {
    }

    /**
     * Puts what changed between {@code before} and {@code after} (8-bit pixels of {@code region}, BGR or gray,
     * region aligned to MCUs at its top left) into the coefficients: for each component block whose pixels
     * changed, the forward DCT of the change (colour-converted, averaged down to the component's sampling),
     * quantised with the image's own table and added to the block's coefficients. Blocks without a changed
     * pixel keep their coefficients exactly.
     *
     * @return the number of blocks recomputed
     */
    public static long requantize(JpegCoefficients c, Mat before, Mat after, Rect region) {
        int ch = before.channels();
        if (ch != (c.components.length == 1 ? 1 : 3)) throw new IllegalArgumentException("channels do not match the JPEG");
        int rw = region.width, rh = region.height;
        byte[] b0 = new byte[rw * rh * ch], b1 = new byte[rw * rh * ch];
        before.get(0, 0, b0);
        after.get(0, 0, b1);
        float[] samples = new float[64], freq = new float[64], scratch = new float[64];
        long recomputed = 0;
        for (int ci = 0; ci < c.components.length; ci++) {
            JpegComponent comp = c.components[ci];
            int fx = c.hmax / comp.h, fy = c.vmax / comp.v; // pixels per component sample
            int bw = 8 * fx, bh = 8 * fy; // a block's footprint in pixels
            int[] q = c.quantOf(comp);
            double[] w = ch == 1 ? new double[] {1} : RGB_TO_YCC[ci];
            for (int by = region.y / bh; by * bh < region.y + rh; by++) {
                for (int bx = region.x / bw; bx * bw < region.x + rw; bx++) {
                    if (!blockDelta(b0, b1, ch, rw, rh, bx * bw - region.x, by * bh - region.y, fx, fy, w, samples)) continue;
                    Dct.forward(samples, freq, scratch);
                    short[] co = comp.coefficients;
                    int off = comp.offset(bx, by);
                    for (int k = 0; k < 64; k++) {
                        int v = co[off + k] + Math.round(freq[k] / q[k]);
                        co[off + k] = (short) (k == 0 ? Math.max(-1024, Math.min(1023, v)) : Math.max(-1023, Math.min(1023, v)));
                    }
                    recomputed++;
                }
            }
        }
        return recomputed;
    }

    /**
     * The component's change over one block footprint (at x0, y0 in region pixels), averaged to 8x8 samples.
     * Returns false, leaving {@code samples} undefined, when no pixel of the footprint changed.
     */
    private static boolean blockDelta(byte[] b0, byte[] b1, int ch, int rw, int rh, int x0, int y0, int fx, int fy,
                                      double[] w, float[] samples) {
        boolean changed = false;
        int xEnd = Math.min(rw, x0 + 8 * fx), yEnd = Math.min(rh, y0 + 8 * fy);
        for (int y = Math.max(0, y0); y < yEnd && !changed; y++) {
            int row = (y * rw) * ch;
            for (int i = row + Math.max(0, x0) * ch, end = row + xEnd * ch; i < end; i++) {
                if (b0[i] != b1[i]) {
                    changed = true;
                    break;
                }
            }
        }
        if (!changed) return false;
        for (int sy = 0; sy < 8; sy++) {
            for (int sx = 0; sx < 8; sx++) {
                double sum = 0;
                int count = 0;
                for (int y = y0 + sy * fy; y < y0 + (sy + 1) * fy; y++) {
                    for (int x = x0 + sx * fx; x < x0 + (sx + 1) * fx; x++) {
                        if (x < 0 || y < 0 || x >= rw || y >= rh) continue;
                        int i = (y * rw + x) * ch;
                        if (ch == 1) {
                            sum += (b1[i] & 0xFF) - (b0[i] & 0xFF);
                        } else { // BGR
                            sum += w[0] * ((b1[i + 2] & 0xFF) - (b0[i + 2] & 0xFF)) + w[1] * ((b1[i + 1] & 0xFF) - (b0[i + 1] & 0xFF))
                                    + w[2] * ((b1[i] & 0xFF) - (b0[i] & 0xFF));
                        }
                        count++;
                    }
                }
                samples[sy * 8 + sx] = count == 0 ? 0 : (float) (sum / count);
            }
        }
        return true;
    }
}
