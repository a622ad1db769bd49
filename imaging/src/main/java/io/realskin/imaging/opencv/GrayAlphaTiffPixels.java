package io.realskin.imaging.opencv;

import io.realskin.imaging.GrayAlphaTiff;
import io.realskin.imaging.ImageInfo;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A TIFF of gray and alpha ({@link GrayAlphaTiff}, read by the JDK's TIFF reader, since OpenCV 4.9 drops its alpha)
 * as a BGRA matrix of its depth, the gray in B, G and R (as OpenCV decodes a gray PNG with alpha), upright.
 */
public final class GrayAlphaTiffPixels {
    private GrayAlphaTiffPixels() {
    }

    /**
     * The picture upright (8 or 16-bit BGRA) when {@code info} describes a TIFF of gray and alpha; null for any other
     * image. {@code info} is what the probe admitted: the pixel budget is checked before this allocates anything.
     */
    public static Mat decode(byte[] bytes, ImageInfo info) {
        if (!GrayAlphaTiff.is(bytes, info)) return null;
        Mat[] stored = new Mat[1];
        try {
            GrayAlphaTiff.read(bytes, info, new GrayAlphaTiff.Rows() {
                private int width;
                private Object bgra;

                @Override
                public void start(int width, int height, int bytesPerSample) {
                    this.width = width;
                    stored[0] = new Mat(height, width, bytesPerSample == 1 ? CvType.CV_8UC4 : CvType.CV_16UC4);
                    bgra = bytesPerSample == 1 ? new byte[width * 4] : new short[width * 4];
                }

                @Override
                public void put(int y, int rows, Object samples) {
                    for (int r = 0; r < rows; r++) {
                        if (bgra instanceof byte[] out) {
                            byte[] in = (byte[]) samples;
                            for (int x = 0, i = r * width * 2; x < width; x++, i += 2) {
                                out[4 * x] = out[4 * x + 1] = out[4 * x + 2] = in[i];
                                out[4 * x + 3] = in[i + 1];
                            }
                            stored[0].put(y + r, 0, out);
                        } else {
                            short[] out = (short[]) bgra;
                            short[] in = (short[]) samples;
                            for (int x = 0, i = r * width * 2; x < width; x++, i += 2) {
                                out[4 * x] = out[4 * x + 1] = out[4 * x + 2] = in[i];
                                out[4 * x + 3] = in[i + 1];
                            }
                            stored[0].put(y + r, 0, out);
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            if (stored[0] != null) stored[0].release();
            throw e;
        }
        Mat upright = ExifOrientation.upright(stored[0], info.orientation());
        if (upright != stored[0]) stored[0].release();
        return upright;
    }
}
