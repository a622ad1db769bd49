package io.realskin.bench.texture;

import io.realskin.texture.engine.FaceScore;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.ScoreReport;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of docs/texture-engine.md, "Covered faces and unsure detections" and the soft-beard Known limit: portraits
 * of shared/portraits with a cover painted over the lower face, warmed, or as they are, scored and restored at 40 (seed
 * 7, PNG), with the pixels changed inside a region and by how much; then the faces of shared/portraits under
 * confidence 0.75, by source (MANIFEST.tsv's directory). Usage: CoveredFaces PORTRAITS_DIR
 */
public final class CoveredFaces {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        TextureEngine engine = new TextureEngine().awaitModels();
        Mat bar = read(dir.resolve("real/cc0avatar__006.jpg"));
        Mat barRegion = Mat.zeros(bar.size(), CvType.CV_8U);
        barRegion.submat(new Rect(200, 560, 600, 260)).setTo(new Scalar(255));
        Mat barred = bar.clone();
        barred.setTo(new Scalar(140, 90, 60), barRegion);
        Mat biden = read(dir.resolve("real/facerec__biden2_official_portrait.jpg"));
        Mat maskRegion = roundedRect(biden.size(), new Rect(426, 523, 449, 275), 55);
        Mat masked = biden.clone();
        masked.setTo(new Scalar(220, 200, 170), maskRegion);
        Mat warm = warmed(read(dir.resolve("ai/canopusxl__E.png")));
        Mat flux = read(dir.resolve("ai/fluxrealpix__22.png"));
        Mat beard = Mat.zeros(flux.size(), CvType.CV_8U);
        beard.submat(new Rect(440, 540, 120, 80)).setTo(new Scalar(255));

        System.out.println("case | score uncovered | score | restore at 40: pixels changed (all / in the region, max levels) | faces");
        row(engine, "cc0avatar__006, blue bar (60, 90, 140) rows 560-820, x 200-800", bar, barred, barRegion);
        row(engine, "biden2, light-blue (170, 200, 220) mask x 426-874, y 523-797", biden, masked, maskRegion);
        row(engine, "canopusxl__E warmed (R x1.08, B x0.9)", read(dir.resolve("ai/canopusxl__E.png")), warm, null);
        row(engine, "fluxrealpix__22, beard under the lip x 440-560, y 540-620", flux, flux, beard);

        Map<String, int[]> unsure = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("MANIFEST.tsv")).subList(1, Files.readAllLines(dir.resolve("MANIFEST.tsv")).size())) {
            String file = line.split("\t")[0];
            ScoreReport r = engine.score(Files.readAllBytes(dir.resolve(file)));
            int[] n = unsure.computeIfAbsent(file.substring(0, file.indexOf('/')), k -> new int[2]);
            for (FaceScore f : r.faces()) {
                n[0]++;
                if (f.confidence() < 0.75) n[1]++;
            }
        }
        unsure.forEach((source, n) -> System.out.printf(Locale.ROOT, "%s: %d faces, %d under 0.75%n", source, n[0], n[1]));
        System.exit(0);
    }

    private static void row(TextureEngine engine, String label, Mat plain, Mat image, Mat region) {
        double uncovered = score(engine, plain).plasticScore() == null ? Double.NaN : score(engine, plain).plasticScore();
        ScoreReport s = score(engine, image);
        byte[] png = png(image);
        RestoreResult r = engine.restore(png, RestoreOptions.defaults().withIntensity(40).withSeed(7));
        Mat out = Imgcodecs.imdecode(new MatOfByte(r.bytes()), Imgcodecs.IMREAD_COLOR);
        Mat diff = new Mat(), gray = new Mat();
        Core.absdiff(image, out, diff);
        Core.extractChannel(diff, gray, 0);
        for (int c = 1; c < 3; c++) {
            Mat ch = new Mat();
            Core.extractChannel(diff, ch, c);
            Core.max(gray, ch, gray);
        }
        String inRegion = "";
        if (region != null) {
            Mat in = new Mat();
            gray.copyTo(in, region);
            inRegion = String.format(Locale.ROOT, " / %d of %d, max %d", Core.countNonZero(in), Core.countNonZero(region),
                    (int) Core.minMaxLoc(in).maxVal);
        }
        StringBuilder faces = new StringBuilder();
        for (FaceScore f : s.faces()) faces.append(String.format(Locale.ROOT, "%.4f ", f.confidence()));
        System.out.printf(Locale.ROOT, "%s | %.4f | %s | %d%s (max %d) | %s%n", label, uncovered, s.plasticScore(),
                Core.countNonZero(gray), inRegion, (int) Core.minMaxLoc(gray).maxVal, faces.toString().trim());
    }

    private static ScoreReport score(TextureEngine engine, Mat image) {
        return engine.score(png(image));
    }

    private static Mat roundedRect(org.opencv.core.Size size, Rect r, int radius) {
        Mat m = Mat.zeros(size, CvType.CV_8U);
        Scalar on = new Scalar(255);
        Imgproc.rectangle(m, new Point(r.x + radius, r.y), new Point(r.x + r.width - 1 - radius, r.y + r.height - 1), on, -1);
        Imgproc.rectangle(m, new Point(r.x, r.y + radius), new Point(r.x + r.width - 1, r.y + r.height - 1 - radius), on, -1);
        for (Point c : new Point[] {new Point(r.x + radius, r.y + radius), new Point(r.x + r.width - 1 - radius, r.y + radius),
                new Point(r.x + radius, r.y + r.height - 1 - radius), new Point(r.x + r.width - 1 - radius, r.y + r.height - 1 - radius)}) {
            Imgproc.circle(m, c, radius, on, -1);
        }
        return m;
    }

    /** R x1.08, B x0.9, clipped and truncated to 8 bits (as numpy's astype(uint8) of the product does). */
    private static Mat warmed(Mat bgr) {
        byte[] px = new byte[(int) bgr.total() * 3];
        bgr.get(0, 0, px);
        double[] k = {0.9, 1.0, 1.08};
        for (int i = 0; i < px.length; i++) px[i] = (byte) Math.min(255, (int) ((px[i] & 0xff) * k[i % 3]));
        Mat out = new Mat(bgr.size(), CvType.CV_8UC3);
        out.put(0, 0, px);
        return out;
    }

    private static Mat read(Path p) throws Exception {
        return Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(p)), Imgcodecs.IMREAD_COLOR);
    }

    private static byte[] png(Mat m) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".png", m, out);
        return out.toArray();
    }
}
