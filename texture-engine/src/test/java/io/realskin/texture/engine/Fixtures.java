package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test images: portrait fixtures (see fixtures/SOURCES.tsv) and synthetic ones. */
public final class Fixtures {
    public static final String REAL = "real_cc0avatar__047.jpg";
    public static final String AI = "ai_iclight__i7.jpg";

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encode(Mat m, String ext, int... params) {
        OpenCvLoader.load();
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(ext, m, out, new MatOfInt(params));
        return out.toArray();
    }

    /** The real portrait re-encoded as PNG (lossless, so pixel comparisons are exact). */
    public static byte[] realPng() {
        OpenCvLoader.load();
        Mat m = Imgcodecs.imdecode(new MatOfByte(bytes(REAL)), Imgcodecs.IMREAD_COLOR);
        return encode(m, ".png");
    }

    /** A "landscape": sky gradient, a horizon and textured ground; no face. */
    public static Mat landscape(int w, int h) {
        OpenCvLoader.load();
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        for (int y = 0; y < h; y++) {
            double t = (double) y / h;
            Scalar c = y < h / 2 ? new Scalar(230 - 60 * t, 180 - 40 * t, 120) : new Scalar(40, 110 + 30 * t, 60);
            Imgproc.line(m, new org.opencv.core.Point(0, y), new org.opencv.core.Point(w, y), c);
        }
        Mat noise = new Mat(h, w, CvType.CV_8UC3);
        Core.setRNGSeed(5);
        Core.randn(noise, 0, 12);
        Mat half = m.submat(h / 2, h, 0, w);
        Core.add(half, noise.submat(h / 2, h, 0, w), half);
        Imgproc.GaussianBlur(m, m, new Size(3, 3), 0);
        return m;
    }

    public static Mat decode(byte[] b) {
        OpenCvLoader.load();
        return Imgcodecs.imdecode(new MatOfByte(b), Imgcodecs.IMREAD_UNCHANGED);
    }
}
