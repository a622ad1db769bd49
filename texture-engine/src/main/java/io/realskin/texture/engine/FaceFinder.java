package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Finds every face: BlazeFace full range and short range on the whole frame, full range on overlapping tiles
 * (small faces), merged with weighted NMS; then the whole frame turned by each quarter turn, and where a turned copy
 * shows a face better (a face lying on its side or upside down), every pass again on that copy ({@link QuarterTurn});
 * rotated passes at +-30 degrees when all of that finds nothing, and the LBP cascade last.
 */
final class FaceFinder {
    private static final double MIN_SCORE = 0.6;
    private final BlazeFaceDetector shortRange;
    private final BlazeFaceDetector fullRange;
    private final CascadeFaceDetector cascade;

    /**
     * Loads the two BlazeFace models, each with its set-up pass (the cascade loads on first use). The longest chain
     * starts first: the full-range model's import and set-up pass take several times the short-range one's, and its
     * set-up pass runs on a second thread beside the short-range model's import and pass (imports are serial).
     */
    public FaceFinder() {
        BlazeFaceDetector full = new BlazeFaceDetector(BlazeFaceDetector.Model.FULL_RANGE, MIN_SCORE);
        CompletableFuture<Void> fullReady = Parallel.async(new Supplier<Void>() { // not a lambda: see Parallel#async
            @Override
            public Void get() {
                full.warmUp();
                return null;
            }
        });
        BlazeFaceDetector shortOne = new BlazeFaceDetector(BlazeFaceDetector.Model.SHORT_RANGE, MIN_SCORE);
        shortOne.warmUp();
        this.cascade = new CascadeFaceDetector();
        Parallel.join(fullReady);
        this.fullRange = full;
        this.shortRange = shortOne;
    }

    /** Long side of the image the detectors see; larger inputs are downscaled once (INTER_AREA). */
    static final int DETECTION_SIDE = 1280;

    public List<FaceDetection> find(Mat image) {
        if (image.cols() < 16 || image.rows() < 16) return List.of();
        double scale = Math.min(1.0, (double) DETECTION_SIDE / Math.max(image.cols(), image.rows()));
        if (scale >= 1.0) return findAtScale(image, image.cols(), image.rows());
        Mat small = new Mat();
        try {
            Imgproc.resize(image, small, new Size(), scale, scale, Imgproc.INTER_AREA);
            List<FaceDetection> out = new ArrayList<>();
            for (FaceDetection f : findAtScale(small, small.cols(), small.rows())) {
                out.add(f.scaled(1.0 / scale, 1.0 / scale).clippedTo(image.cols(), image.rows()));
            }
            return out;
        } finally {
            small.release();
        }
    }

    private List<FaceDetection> findAtScale(Mat bgr, int width, int height) {
        List<FaceDetection> faces = upright(bgr);
        faces = withQuarterTurns(bgr, faces);
        if (faces.isEmpty()) faces = rotated(bgr, 30);
        if (faces.isEmpty()) faces = rotated(bgr, -30);
        if (faces.isEmpty()) faces = cascade.detect(bgr);
        List<FaceDetection> out = new ArrayList<>();
        for (FaceDetection f : faces) {
            if (f.width() < 12 || f.height() < 12) continue;
            FaceDetection clipped = f.clippedTo(bgr.cols(), bgr.rows());
            // an unsure detection must show eyes (until 2026-12-07 a warm-lit shoulder at 0.61 got pore texture)
            if (FacePlausibility.plausible(bgr, clipped)) out.add(clipped);
        }
        out.sort((a, b) -> Double.compare(b.width() * b.height(), a.width() * a.height()));
        return out;
    }

    private List<FaceDetection> upright(Mat bgr) {
        List<FaceDetection> all = wholeFrame(bgr);
        int longSide = Math.max(bgr.cols(), bgr.rows());
        if (longSide > 600) {
            int tile = Math.max(420, longSide / 3);
            int step = tile * 3 / 4;
            for (int y = 0; y < bgr.rows(); y += step) {
                for (int x = 0; x < bgr.cols(); x += step) {
                    int w = Math.min(tile, bgr.cols() - x);
                    int h = Math.min(tile, bgr.rows() - y);
                    if (w >= tile / 2 && h >= tile / 2) all.addAll(fullRange.detect(bgr, new Rect(x, y, w, h)));
                    if (x + tile >= bgr.cols()) break;
                }
                if (y + tile >= bgr.rows()) break;
            }
        }
        return NonMaxSuppression.weighted(all, 0.3);
    }

    /** Both models on the whole frame, before NMS. */
    private List<FaceDetection> wholeFrame(Mat bgr) {
        Rect whole = new Rect(0, 0, bgr.cols(), bgr.rows());
        List<FaceDetection> all = new ArrayList<>(fullRange.detect(bgr, whole));
        all.addAll(shortRange.detect(bgr, whole));
        return all;
    }

    /**
     * Long side of the copy the quarter turns are first tried on: twice the full-range model's input, which is all of
     * the whole frame a detector sees, so the check turns no large copy.
     */
    static final int TURN_CHECK_SIDE = 384;

    /**
     * {@code faces} with what a quarter turn of {@code bgr} shows better ({@link QuarterTurn}). Each turn is first
     * looked at by the short-range model on the whole frame (a portrait's face; one pass of a 128 px input, a few
     * per cent of the upright search), and by the full-range one too when the upright search found nothing; only a
     * turn that shows a face better is searched whole.
     */
    private List<FaceDetection> withQuarterTurns(Mat bgr, List<FaceDetection> faces) {
        double scale = Math.min(1.0, (double) TURN_CHECK_SIDE / Math.max(bgr.cols(), bgr.rows()));
        Mat small = new Mat();
        Mat turned = new Mat();
        try {
            Imgproc.resize(bgr, small, new Size(Math.max(1, Math.round(bgr.cols() * scale)),
                    Math.max(1, Math.round(bgr.rows() * scale))), 0, 0, Imgproc.INTER_AREA);
            for (QuarterTurn turn : QuarterTurn.values()) {
                Core.rotate(small, turned, turn.rotateCode);
                Rect whole = new Rect(0, 0, turned.cols(), turned.rows());
                List<FaceDetection> seen = new ArrayList<>(shortRange.detect(turned, whole));
                if (faces.isEmpty()) seen.addAll(fullRange.detect(turned, whole));
                double kx = (double) bgr.cols() / small.cols(), ky = (double) bgr.rows() / small.rows();
                List<FaceDetection> quick = turn.back(NonMaxSuppression.weighted(seen, 0.3), small.cols(), small.rows()).stream()
                        .map(f -> f.scaled(kx, ky)).toList();
                if (QuarterTurn.improves(faces, quick)) {
                    // the whole search on the turned image itself, tiles included, so its small faces stand upright too
                    Core.rotate(bgr, turned, turn.rotateCode);
                    faces = QuarterTurn.choose(faces, turn.back(upright(turned), bgr.cols(), bgr.rows()));
                }
            }
            return QuarterTurn.evenBar(faces);
        } finally {
            small.release();
            turned.release();
        }
    }

    /** Detects on the image rotated by {@code degrees} and maps the results back. */
    private List<FaceDetection> rotated(Mat bgr, double degrees) {
        Point c = new Point(bgr.cols() / 2.0, bgr.rows() / 2.0);
        Mat m = Imgproc.getRotationMatrix2D(c, degrees, 1.0);
        Mat rot = new Mat();
        Mat inv = new Mat();
        try {
            Imgproc.warpAffine(bgr, rot, m, new Size(bgr.cols(), bgr.rows()), Imgproc.INTER_LINEAR, Core.BORDER_REFLECT);
            Imgproc.invertAffineTransform(m, inv);
            double[] a = new double[6];
            inv.get(0, 0, a);
            List<FaceDetection> out = new ArrayList<>();
            for (FaceDetection f : upright(rot)) {
                double[] kp = new double[12];
                for (int i = 0; i < 6; i++) {
                    double x = f.keypoints()[2 * i], y = f.keypoints()[2 * i + 1];
                    kp[2 * i] = a[0] * x + a[1] * y + a[2];
                    kp[2 * i + 1] = a[3] * x + a[4] * y + a[5];
                }
                double cx = a[0] * f.centerX() + a[1] * f.centerY() + a[2];
                double cy = a[3] * f.centerX() + a[4] * f.centerY() + a[5];
                out.add(new FaceDetection(cx - f.width() / 2, cy - f.height() / 2, f.width(), f.height(), kp, f.score(),
                        f.source() + "-rot" + (int) degrees));
            }
            return out;
        } finally {
            m.release();
            rot.release();
            inv.release();
        }
    }
}
