package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** A single-channel Mat's pixels as a Java array, row after row, and back (for work no OpenCV call does). */
final class MatArrays {
    private MatArrays() {
    }

    /** The pixels of a CV_32F Mat. */
    static float[] floats(Mat m) {
        Mat c = m.isContinuous() ? m : m.clone();
        float[] v = new float[(int) c.total()];
        c.get(0, 0, v);
        if (c != m) c.release();
        return v;
    }

    /** A w x h CV_32F Mat holding {@code v}, row after row. */
    static Mat floats(float[] v, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_32F);
        m.put(0, 0, v);
        return m;
    }

    /** The pixels of a CV_8U Mat. */
    static byte[] bytes(Mat m) {
        Mat c = m.isContinuous() ? m : m.clone();
        byte[] v = new byte[(int) c.total()];
        c.get(0, 0, v);
        if (c != m) c.release();
        return v;
    }
}
