package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * MediaPipe BlazeFace (TFLite via OpenCV dnn) decoded in Java: anchors, sigmoid scores, box and six keypoints.
 * One model instance runs one forward pass at a time; instances are pooled, so the detector is thread-safe.
 */
final class BlazeFaceDetector {
    public enum Model {
        SHORT_RANGE("face_detection_short_range.tflite", 128, BlazeFaceAnchors.shortRange()),
        FULL_RANGE("face_detection_full_range.tflite", 192, BlazeFaceAnchors.fullRange());

        final String resource;
        final int inputSize;
        final float[][] anchors;

        Model(String resource, int inputSize, float[][] anchors) {
            this.resource = resource;
            this.inputSize = inputSize;
            this.anchors = anchors;
        }
    }

    static final String MODEL_DIR = "/io/realskin/texture/engine/models/";

    private final Model model;
    private final byte[] modelBytes;
    private final double minScore;
    private final ConcurrentLinkedQueue<Net> pool = new ConcurrentLinkedQueue<>();

    /** Reads and imports the model (failing fast when it does not load); {@link #warmUp} does its set-up pass. */
    public BlazeFaceDetector(Model model, double minScore) {
        this.model = model;
        this.minScore = minScore;
        // read before OpenCV is needed: the engine's start overlaps this read with OpenCV's load
        this.modelBytes = readResource(MODEL_DIR + model.resource);
        OpenCvLoader.load();
        pool.add(newNet());
    }

    /**
     * One pass on a blank image: the network's one-time set-up (its first forward pass takes several times a later
     * one), done here where the engine's start overlaps it with reading the first image. Safe beside another model's
     * import: only the import is serial.
     */
    void warmUp() {
        Net net = pool.poll();
        if (net == null) net = newNet();
        try {
            detect(Mat.zeros(model.inputSize, model.inputSize, CvType.CV_8UC3), net);
        } finally {
            pool.add(net);
        }
    }

    static byte[] readResource(String path) {
        try (InputStream in = BlazeFaceDetector.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * OpenCV's TFLite importer is not safe to run on two threads at once: two models loaded side by side failed
     * with "Unsupported operator type RESIZE_BILINEAR" (measured with OpenCV 4.9), so nets are made one at a time.
     */
    private static final Object IMPORT_LOCK = new Object();

    private Net newNet() {
        MatOfByte buf = new MatOfByte(modelBytes);
        try {
            Net net;
            synchronized (IMPORT_LOCK) {
                net = Dnn.readNetFromTFLite(buf);
            }
            if (net.empty()) throw new IllegalStateException("could not load " + model.resource);
            return net;
        } finally {
            buf.release();
        }
    }

    public Model model() {
        return model;
    }

    /** Faces in {@code region} of the 8-bit BGR image {@code bgr}, in image coordinates (before NMS). */
    public List<FaceDetection> detect(Mat bgr, Rect region) {
        Net net = pool.poll();
        if (net == null) net = newNet();
        try {
            return detect(bgr, region, net);
        } finally {
            pool.add(net);
        }
    }

    private void detect(Mat blank, Net net) {
        try {
            detect(blank, new Rect(0, 0, blank.cols(), blank.rows()), net);
        } finally {
            blank.release();
        }
    }

    private List<FaceDetection> detect(Mat bgr, Rect region, Net net) {
        int s = model.inputSize;
        double scale = (double) s / Math.max(region.width, region.height);
        int rw = Math.max(1, (int) Math.round(region.width * scale));
        int rh = Math.max(1, (int) Math.round(region.height * scale));
        Mat sub = bgr.submat(region);
        Mat resized = new Mat();
        Mat padded = new Mat();
        Mat blob = null;
        List<Mat> outs = new ArrayList<>();
        try {
            Imgproc.resize(sub, resized, new Size(rw, rh), 0, 0, Imgproc.INTER_AREA);
            Core.copyMakeBorder(resized, padded, 0, s - rh, 0, s - rw, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
            blob = Dnn.blobFromImage(padded, 1 / 127.5, new Size(s, s), new Scalar(127.5, 127.5, 127.5), true, false);
            net.setInput(blob);
            List<String> names = net.getUnconnectedOutLayersNames();
            net.forward(outs, names);
            Mat scores = null;
            Mat boxes = null;
            for (Mat m : outs) {
                if (m.total() == model.anchors.length) scores = m;
                else if (m.total() == model.anchors.length * 16L) boxes = m;
            }
            if (scores == null || boxes == null) throw new IllegalStateException("unexpected BlazeFace outputs");
            float[] sc = new float[model.anchors.length];
            float[] bx = new float[model.anchors.length * 16];
            Mat sflat = scores.reshape(1, 1);
            Mat bflat = boxes.reshape(1, 1);
            sflat.get(0, 0, sc);
            bflat.get(0, 0, bx);
            return decode(sc, bx, region, scale);
        } finally {
            sub.release();
            resized.release();
            padded.release();
            if (blob != null) blob.release();
            for (Mat m : outs) m.release();
        }
    }

    List<FaceDetection> decode(float[] rawScores, float[] raw, Rect region, double scale) {
        int s = model.inputSize;
        List<FaceDetection> out = new ArrayList<>();
        double logitMin = Math.log(minScore / (1 - minScore));
        for (int i = 0; i < rawScores.length; i++) {
            double logit = Math.max(-100, Math.min(100, rawScores[i]));
            if (logit < logitMin) continue;
            double score = 1 / (1 + Math.exp(-logit));
            float[] a = model.anchors[i];
            int o = i * 16;
            double cx = raw[o] / s + a[0];
            double cy = raw[o + 1] / s + a[1];
            double w = raw[o + 2] / s;
            double h = raw[o + 3] / s;
            if (w <= 0 || h <= 0) continue;
            double k = s / scale; // normalised input -> region pixels
            double[] kp = new double[12];
            for (int j = 0; j < 6; j++) {
                kp[2 * j] = region.x + (raw[o + 4 + 2 * j] / s + a[0]) * k;
                kp[2 * j + 1] = region.y + (raw[o + 5 + 2 * j] / s + a[1]) * k;
            }
            out.add(new FaceDetection(region.x + (cx - w / 2) * k, region.y + (cy - h / 2) * k, w * k, h * k, kp,
                    score, model == Model.SHORT_RANGE ? "blazeface-short" : "blazeface-full"));
        }
        return out;
    }
}
