package io.realskin.bench.texture;

import io.realskin.texture.engine.AnalysisResample;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.FaceRegion;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether a face's plastic score depends on its size in the file (docs/texture-engine.md, "The analysis copy"): each
 * portrait of shared/portraits whose face is over 520 px, resized (anti-aliased Lanczos) so its face is 220-520 px
 * wide and saved as PNG, scored; per portrait the step from 254 to 258 px (either side of the analysis width) and the
 * spread over 250-520 px. Then the cost of making a face's analysis copy, AnalysisResample beside OpenCV's INTER_AREA
 * on the same regions, one OpenCV thread. Usage: FaceSizes PORTRAITS_DIR
 */
public final class FaceSizes {
    static final int[] WIDTHS = {220, 250, 254, 258, 262, 300, 380, 520};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/portraits");
        TextureEngine engine = new TextureEngine().awaitModels();
        System.out.printf(Locale.ROOT, "%nplastic score with the face resized to each width (px)%n| portrait | face | %s | step 254 -> 258 | spread 250-520 |%n",
                String.join(" | ", Arrays.stream(WIDTHS).mapToObj(String::valueOf).toList()));
        System.out.println("|---|---|" + "---|".repeat(WIDTHS.length) + "---|---|");
        List<double[]> copyMs = new ArrayList<>();
        for (String kind : List.of("real", "ai")) {
            for (Path p : QualityBench.list(dir.resolve(kind))) {
                Mat bgr = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(p)), Imgcodecs.IMREAD_COLOR);
                List<FaceDetection> faces = bgr.empty() ? List.of() : engine.findFaces(bgr);
                if (faces.isEmpty()) continue;
                FaceDetection face = faces.get(0);
                if (face.scaleWidth() > FaceRegion.ANALYSIS_FACE_WIDTH) copyMs.add(copyCost(bgr, face));
                if (face.scaleWidth() > WIDTHS[WIDTHS.length - 1]) row(engine, kind + " " + p.getFileName(), bgr, face.scaleWidth());
                bgr.release();
            }
        }
        double[] ours = copyMs.stream().mapToDouble(c -> c[0]).sorted().toArray();
        double[] area = copyMs.stream().mapToDouble(c -> c[1]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%nanalysis copy of %d faces over 256 px (one OpenCV thread, median of 5 runs each, side by side): "
                + "AnalysisResample median %.1f ms (largest %.1f), INTER_AREA median %.1f ms (largest %.1f)%n", ours.length,
                QualityBench.med(ours), ours[ours.length - 1], QualityBench.med(area), area[area.length - 1]);
    }

    private static void row(TextureEngine engine, String name, Mat bgr, double faceWidth) {
        double[] scores = new double[WIDTHS.length];
        for (int i = 0; i < WIDTHS.length; i++) {
            double k = WIDTHS[i] / faceWidth;
            Mat small = new Mat();
            AnalysisResample.resize(bgr, small, new Size(Math.round(bgr.cols() * k), Math.round(bgr.rows() * k)));
            MatOfByte png = new MatOfByte();
            Imgcodecs.imencode(".png", small, png);
            Double s = engine.score(png.toArray()).plasticScore();
            scores[i] = s == null ? Double.NaN : s;
            small.release();
        }
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int i = 1; i < WIDTHS.length; i++) {
            lo = Math.min(lo, scores[i]);
            hi = Math.max(hi, scores[i]);
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %.0f |", name, faceWidth));
        for (double s : scores) b.append(String.format(Locale.ROOT, " %.2f |", s));
        System.out.println(b.append(String.format(Locale.ROOT, " %+.2f | %.2f |", scores[3] - scores[2], hi - lo)));
    }

    /** Milliseconds for the face's region copy: {AnalysisResample, INTER_AREA}, the median of five runs each. */
    private static double[] copyCost(Mat bgr, FaceDetection face) {
        Core.setNumThreads(1);
        double scale = FaceRegion.ANALYSIS_FACE_WIDTH / face.scaleWidth();
        try (FaceRegion region = FaceRegion.of(bgr, face)) {
            Rect roi = region.roi();
            Mat sub = bgr.submat(roi);
            Size size = new Size(Math.max(8, Math.round(roi.width * scale)), Math.max(8, Math.round(roi.height * scale)));
            double[] ours = new double[5], area = new double[5];
            Mat out = new Mat();
            for (int run = 0; run < 6; run++) {
                long t0 = System.nanoTime();
                AnalysisResample.resize(sub, out, size);
                long t1 = System.nanoTime();
                Imgproc.resize(sub, out, size, 0, 0, Imgproc.INTER_AREA);
                long t2 = System.nanoTime();
                if (run > 0) { // the first warms up
                    ours[run - 1] = (t1 - t0) / 1e6;
                    area[run - 1] = (t2 - t1) / 1e6;
                }
            }
            out.release();
            sub.release();
            return new double[] {QualityBench.med(ours), QualityBench.med(area)};
        } finally {
            Core.setNumThreads(-1);
        }
    }
}
