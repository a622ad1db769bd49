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

    /**
     * A synthetic plasticized portrait: the real fixture with its face region smoothed by an edge-preserving (self-
     * guided) filter, twice, as beauty retouching does; lossless.
     */
    public static byte[] plasticizedPng() {
        Mat m = decode(bytes(REAL));
        FaceDetection f = new FaceFinder().find(m).get(0);
        double d = f.eyeDistance();
        int x0 = (int) Math.max(0, f.centerX() - 1.8 * d), x1 = (int) Math.min(m.cols(), f.centerX() + 1.8 * d);
        int y0 = (int) Math.max(0, f.centerY() - 2.2 * d), y1 = (int) Math.min(m.rows(), f.centerY() + 3.2 * d);
        Mat sub = m.submat(y0, y1, x0, x1);
        for (int pass = 0; pass < 2; pass++) {
            Mat fl = new Mat();
            sub.convertTo(fl, CvType.CV_32F, 1 / 255.0);
            java.util.List<Mat> ch = new java.util.ArrayList<>();
            Core.split(fl, ch);
            int r = (int) Math.max(2, Math.round(f.scaleWidth() / 30.0));
            for (int i = 0; i < ch.size(); i++) ch.set(i, GuidedFilter.apply(ch.get(i), ch.get(i), r, 0.02));
            Core.merge(ch, fl);
            fl.convertTo(sub, CvType.CV_8U, 255);
        }
        return encode(m, ".png");
    }

    public static Mat decode(byte[] b) {
        OpenCvLoader.load();
        return Imgcodecs.imdecode(new MatOfByte(b), Imgcodecs.IMREAD_UNCHANGED);
    }
}
