package io.realskin.bench.texture;

import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the plastic score and the face found depend on which way up a portrait is stored (docs/texture-engine.md,
 * "Faces on their side or upside down"). Every real and AI portrait of shared/portraits with a face, decoded upright,
 * saved as JPEG q95 as it is, turned by a quarter and a half turn (pixels turned losslessly before the encode) and
 * mirrored: the change of each file's score from the upright one's, faces lost, crossings of 0.5, and whether the
 * largest face's eye line found in the turned copy lies within 30 degrees of the upright one's turned with the pixels.
 * Then the face search's time per image on one OpenCV thread. Usage: TurnedFaces PORTRAITS_DIR
 */
public final class TurnedFaces {
    /** A way the same pixels can be stored; {@code code} is Core.rotate's, or -1 for a left-right mirror. */
    enum Turn {
        QUARTER("90 degrees", Core.ROTATE_90_CLOCKWISE),
        HALF("180 degrees", Core.ROTATE_180),
        MIRRORED("mirrored", -1);

        final String label;
        final int code;

        Turn(String label, int code) {
            this.label = label;
            this.code = code;
        }

        Mat apply(Mat bgr) {
            Mat out = new Mat();
            if (code < 0) Core.flip(bgr, out, 1);
            else Core.rotate(bgr, out, code);
            return out;
        }

        /** The upright eye line (right eye to left eye) as the same pixels show it after this turn, in radians. */
        double expectedRoll(FaceDetection upright) {
            double dx = upright.kx(FaceDetection.LEFT_EYE) - upright.kx(FaceDetection.RIGHT_EYE);
            double dy = upright.ky(FaceDetection.LEFT_EYE) - upright.ky(FaceDetection.RIGHT_EYE);
            return switch (this) {
                case QUARTER -> Math.atan2(dx, -dy); // (x, y) -> (h - 1 - y, x)
                case HALF -> Math.atan2(-dy, -dx);
                case MIRRORED -> -Math.atan2(dy, dx); // x -> w - 1 - x, and the eyes swap labels: (dx, -dy)
            };
        }
    }

    record Portrait(String kind, String source, String file, double upright, double[] turned, boolean[] rollRight) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/portraits");
        TextureEngine engine = new TextureEngine().awaitModels();
        List<Portrait> all = new ArrayList<>();
        List<Mat> searched = new ArrayList<>();
        for (String kind : List.of("real", "ai")) {
            for (Path p : QualityBench.list(dir.resolve(kind))) {
                Mat bgr = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(p)), Imgcodecs.IMREAD_COLOR); // upright
                if (bgr.empty()) continue;
                Portrait measured = measure(engine, kind, p, bgr);
                if (measured == null) {
                    bgr.release();
                    continue;
                }
                all.add(measured);
                if (searched.size() < 17 && all.size() % 3 == 1) searched.add(bgr);
                else bgr.release();
            }
        }
        printScores(all);
        printSearchTime(engine, searched);
    }

    private static Portrait measure(TextureEngine engine, String kind, Path p, Mat bgr) {
        Double upright = engine.score(ScoreStability.jpeg(bgr, 95)).plasticScore();
        if (upright == null) return null;
        FaceDetection face = largest(engine.findFaces(bgr));
        double[] turned = new double[Turn.values().length];
        boolean[] rollRight = new boolean[turned.length];
        for (Turn t : Turn.values()) {
            Mat copy = t.apply(bgr);
            Double s = engine.score(ScoreStability.jpeg(copy, 95)).plasticScore();
            turned[t.ordinal()] = s == null ? Double.NaN : s;
            FaceDetection found = largest(engine.findFaces(copy));
            rollRight[t.ordinal()] = face != null && found != null
                    && Math.abs(angle(found.roll() - t.expectedRoll(face))) <= Math.toRadians(30);
            copy.release();
        }
        return new Portrait(kind, TargetFit.source(p), p.getFileName().toString(), upright, turned, rollRight);
    }

    private static void printScores(List<Portrait> all) {
        System.out.printf(Locale.ROOT, "%n%d portraits with a face (JPEG q95 each way); change of the score from the upright file's%n", all.size());
        System.out.println("| stored | median change | 90th percentile | largest | faces lost | other side of 0.5 | eye line within 30 degrees |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Turn t : Turn.values()) {
            int i = t.ordinal();
            double[] change = all.stream().filter(p -> !Double.isNaN(p.turned()[i]))
                    .mapToDouble(p -> Math.abs(p.turned()[i] - p.upright())).sorted().toArray();
            long lost = all.stream().filter(p -> Double.isNaN(p.turned()[i])).count();
            long crossed = all.stream().filter(p -> !Double.isNaN(p.turned()[i]) && (p.upright() < 0.5) != (p.turned()[i] < 0.5)).count();
            long rollRight = all.stream().filter(p -> p.rollRight()[i]).count();
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d | %d | %d of %d |%n", t.label, QualityBench.med(change),
                    percentile(change, 0.9), change.length == 0 ? Double.NaN : change[change.length - 1], lost, crossed, rollRight, all.size());
        }
        System.out.printf(Locale.ROOT, "%nmedian change per source (kind, source, n: %s)%n",
                String.join(", ", Arrays.stream(Turn.values()).map(t -> t.label).toList()));
        Map<String, List<Portrait>> bySource = new TreeMap<>();
        for (Portrait p : all) bySource.computeIfAbsent(p.kind() + " " + p.source(), k -> new ArrayList<>()).add(p);
        bySource.forEach((key, group) -> {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d |", key, group.size()));
            for (Turn t : Turn.values()) {
                row.append(String.format(Locale.ROOT, " %.3f |", QualityBench.med(group.stream()
                        .filter(p -> !Double.isNaN(p.turned()[t.ordinal()]))
                        .mapToDouble(p -> Math.abs(p.turned()[t.ordinal()] - p.upright())).toArray())));
            }
            System.out.println(row);
        });
        System.out.println("\nlargest changes:");
        all.stream().flatMap(p -> Arrays.stream(Turn.values()).map(t -> new Object[] {p, t}))
                .sorted(Comparator.comparingDouble(o -> -change((Portrait) o[0], (Turn) o[1]))).limit(5)
                .forEach(o -> {
                    Portrait p = (Portrait) o[0];
                    Turn t = (Turn) o[1];
                    System.out.printf(Locale.ROOT, "  %s %s: %.3f -> %.3f%n", p.file(), t.label, p.upright(), p.turned()[t.ordinal()]);
                });
    }

    /** The face search on one OpenCV thread: median and range of each image's time over two warm rounds. */
    private static void printSearchTime(TextureEngine engine, List<Mat> images) {
        Core.setNumThreads(1);
        for (Mat m : images) engine.findFaces(m); // warm
        double[] ms = new double[images.size()];
        for (int i = 0; i < images.size(); i++) {
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                engine.findFaces(images.get(i));
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            ms[i] = best;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%nface search, one OpenCV thread, %d portraits (every third), the faster of two warm rounds: "
                + "median %.0f ms (%.0f-%.0f)%n", ms.length, QualityBench.med(ms), ms.length == 0 ? Double.NaN : ms[0],
                ms.length == 0 ? Double.NaN : ms[ms.length - 1]);
        images.forEach(Mat::release);
    }

    private static double change(Portrait p, Turn t) {
        double s = p.turned()[t.ordinal()];
        return Double.isNaN(s) ? 1 : Math.abs(s - p.upright());
    }

    private static FaceDetection largest(List<FaceDetection> faces) {
        return faces.stream().max(Comparator.comparingDouble(f -> f.width() * f.height())).orElse(null);
    }

    /** An angle brought into [-pi, pi). */
    private static double angle(double a) {
        return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
    }

    private static double percentile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
