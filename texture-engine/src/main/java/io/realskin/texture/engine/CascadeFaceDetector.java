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
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LBP frontal-face cascade, the fallback when BlazeFace finds nothing. Keypoints are guessed from the box. Loaded
 * on first use (most images never need it), which keeps it out of the engine's start.
 */
final class CascadeFaceDetector {
    private static final String RESOURCE = BlazeFaceDetector.MODEL_DIR + "lbpcascade_frontalface_improved.xml";
    private final ThreadLocal<CascadeClassifier> classifier = new ThreadLocal<>() { // not a lambda: see Parallel#async
        @Override
        protected CascadeClassifier initialValue() {
            CascadeClassifier c = new CascadeClassifier(CascadeFile.PATH);
            if (c.empty()) throw new IllegalStateException("could not load the LBP face cascade");
            return c;
        }
    };

    public CascadeFaceDetector() {
        OpenCvLoader.load();
        if (CascadeFaceDetector.class.getResource(RESOURCE) == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
    }

    /** The cascade's file, extracted once per JVM when the first thread needs it. */
    private static final class CascadeFile {
        static final String PATH = extracted(BlazeFaceDetector.readResource(RESOURCE)).toString();
    }

    /**
     * OpenCV's Java cascade loads only from a file, and every new thread loads its own. The file is named by its
     * content, so all processes share one copy and a killed process leaves nothing new behind.
     */
    private static Path extracted(byte[] xml) {
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml), 0, 8);
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "realskin-lbp-" + digest + ".xml");
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), xml)) {
                return file;
            }
            Path own = Files.createTempFile("realskin-lbp", ".xml");
            Files.write(own, xml);
            try {
                Files.move(own, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException sharedNameTaken) {
                own.toFile().deleteOnExit();
                return own;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
