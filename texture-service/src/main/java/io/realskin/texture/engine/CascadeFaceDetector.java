package io.realskin.texture.engine;

import org.opencv.core.Mat;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** LBP frontal-face cascade, the fallback when BlazeFace finds nothing. Keypoints are guessed from the box. */
public final class CascadeFaceDetector {
    private final ThreadLocal<CascadeClassifier> classifier;

    public CascadeFaceDetector() {
        OpenCvLoader.load();
        byte[] xml = BlazeFaceDetector.readResource(BlazeFaceDetector.MODEL_DIR + "lbpcascade_frontalface_improved.xml");
        Path file;
        try {
            file = Files.createTempFile("realskin-lbp", ".xml");
            Files.write(file, xml);
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String path = file.toString();
        classifier = ThreadLocal.withInitial(() -> {
            CascadeClassifier c = new CascadeClassifier(path);
            if (c.empty()) throw new IllegalStateException("could not load the LBP face cascade");
            return c;
        });
        classifier.get();
    }

    public List<FaceDetection> detect(Mat bgr) {
        double scale = Math.min(1.0, 1000.0 / Math.max(bgr.cols(), bgr.rows()));
        Mat gray = new Mat();
        Mat small = new Mat();
        MatOfRect rects = new MatOfRect();
        try {
            Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
            Imgproc.resize(gray, small, new Size(), scale, scale, Imgproc.INTER_AREA);
            Imgproc.equalizeHist(small, small);
            int min = Math.max(24, (int) (40 * scale));
            classifier.get().detectMultiScale(small, rects, 1.1, 5, 0, new Size(min, min), new Size());
            List<FaceDetection> out = new ArrayList<>();
            for (Rect r : rects.toArray()) {
                double x = r.x / scale, y = r.y / scale, w = r.width / scale, h = r.height / scale;
                out.add(new FaceDetection(x, y, w, h, FaceDetection.keypointsFromBox(x, y, w, h), 0.5, "lbp-cascade"));
            }
            return out;
        } finally {
            gray.release();
            small.release();
            rects.release();
        }
    }
}
