package io.realskin.texture.engine;

import org.opencv.core.Mat;

/** A single-channel Mat's pixels as a Java array, row after row (for statistics no OpenCV call gives). */
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

    /** The pixels of a CV_8U Mat. */
    static byte[] bytes(Mat m) {
        Mat c = m.isContinuous() ? m : m.clone();
        byte[] v = new byte[(int) c.total()];
        c.get(0, 0, v);
        if (c != m) c.release();
        return v;
    }
}
