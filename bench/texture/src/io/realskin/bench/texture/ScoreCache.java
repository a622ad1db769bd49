package io.realskin.bench.texture;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.FaceRegion;
import io.realskin.texture.engine.MeasuredFace;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The faces of shared/portraits as the score sees them, cached under /tmp so a refit takes seconds: for every
 * image (real, retouched, AI) and for every real photo's plasticized version (the quality benchmark's
 * {@link QualityBench.Plasticizer}, repeated until the skin keeps at most a quarter of its fine-band energy), each
 * face's analysis-scale copy ({@link FaceRegion#smallBgr()}) as a PNG, with the face in that copy's coordinates.
 * Measuring the copy again with the face moved into it reproduces the engine's own measurement (the copy is already
 * at the analysis scale). An image is redone when its size or modification time changes.
 */
final class ScoreCache {
    /** One face of one image variant: where its analysis copy is, and the face in that copy's coordinates. */
    record Face(String file, String group, String source, String variant, int index, double regionScale,
                FaceDetection face, Path crop) {
        /** Label: 1 = plastic (plasticized or AI), 0 = real photograph, -1 = retouched (reported, not fitted). */
        int label() {
            if (variant.equals("plastic") || group.equals("ai")) return 1;
            return group.equals("real") ? 0 : -1;
        }

        String kind() {
            return variant.equals("plastic") ? "plasticized" : group;
        }

        /** One image variant: its faces share this key. */
        String imageKey() {
            return variant + ":" + file;
        }
    }

    private final Path dir;

    ScoreCache(Path dir) {
        this.dir = dir;
    }

    static ScoreCache standard() {
        String d = System.getenv("SCORE_CACHE");
        return new ScoreCache(Path.of(d != null && !d.isBlank() ? d : "/tmp/realskin-score-cache"));
    }

    /** Every face of every portrait under {@code portraits} (real/, retouched/, ai/), building what is missing. */
    List<Face> load(TextureEngine engine, Path portraits) throws Exception {
        Files.createDirectories(dir);
        List<Face> all = new ArrayList<>();
        for (String group : new String[] {"real", "retouched", "ai"}) {
            for (Path p : QualityBench.list(portraits.resolve(group))) {
                String rel = group + "/" + p.getFileName();
                String stamp = Files.size(p) + "-" + Files.getLastModifiedTime(p).toMillis();
                Path index = dir.resolve(safe(rel) + ".tsv");
                if (!Files.isRegularFile(index) || !Files.readAllLines(index).get(0).equals(stamp)) {
                    long t0 = System.nanoTime();
                    List<String> lines = build(engine, p, rel, group);
                    lines.add(0, stamp);
                    Files.write(index, lines, StandardCharsets.UTF_8);
                    System.out.printf(Locale.ROOT, "  cached %-50s %d faces  %.1f s%n", rel, lines.size() - 1,
                            (System.nanoTime() - t0) / 1e9);
                }
                List<String> lines = Files.readAllLines(index);
                for (String line : lines.subList(1, lines.size())) all.add(parse(line, rel, group));
            }
        }
        return all;
    }

    private List<String> build(TextureEngine engine, Path p, String rel, String group) throws IOException {
        List<String> out = new ArrayList<>();
        try (DecodedImage img = engine.decode(Files.readAllBytes(p))) {
            Mat orig = img.bgr8();
            List<FaceDetection> faces = engine.findFaces(orig);
            save(orig, faces, rel, "orig", out);
            if (group.equals("real") && !faces.isEmpty()) {
                Mat plast = plasticize(orig, faces);
                save(plast, faces, rel, "plastic", out);
                plast.release();
            }
        } catch (ImageRejectedException e) {
            QualityBench.skipped(p, e);
        }
        return out;
    }

    /** The quality benchmark's plasticized image: smoothed until the first face keeps <= 1/4 of its fine energy. */
    static Mat plasticize(Mat orig, List<FaceDetection> faces) {
        FaceDetection face = faces.get(0);
        List<MeasuredFace> ref = MeasuredFace.measure(orig, List.of(face));
        try {
            Mat mask = ref.get(0).mask();
            double eOrig = QualityBench.energy(orig, face, mask);
            Mat plast = QualityBench.Plasticizer.apply(orig, faces);
            for (int pass = 2; pass <= 3 && QualityBench.energy(plast, face, mask) > 0.25 * eOrig; pass++) {
                Mat again = QualityBench.Plasticizer.apply(plast, faces);
                plast.release();
                plast = again;
            }
            return plast;
        } finally {
            ref.forEach(MeasuredFace::close);
        }
    }

    private void save(Mat bgr, List<FaceDetection> faces, String rel, String variant, List<String> out) {
        for (int i = 0; i < faces.size(); i++) {
            FaceDetection f = faces.get(i);
            try (FaceRegion r = FaceRegion.of(bgr, f)) {
                Rect roi = r.roi();
                double s = r.scale();
                double[] k = f.keypoints().clone();
                for (int j = 0; j < k.length; j += 2) {
                    k[j] = (k[j] - roi.x) * s;
                    k[j + 1] = (k[j + 1] - roi.y) * s;
                }
                String name = safe(rel) + "." + variant + "." + i + ".png";
                MatOfByte png = new MatOfByte();
                Imgcodecs.imencode(".png", r.smallBgr(), png);
                try {
                    Files.write(dir.resolve(name), png.toArray());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                png.release();
                StringBuilder sb = new StringBuilder();
                sb.append(variant).append('\t').append(i).append('\t').append(s).append('\t').append(name).append('\t')
                        .append((f.x() - roi.x) * s).append('\t').append((f.y() - roi.y) * s).append('\t')
                        .append(f.width() * s).append('\t').append(f.height() * s).append('\t').append(f.score())
                        .append('\t').append(f.source());
                for (double v : k) sb.append('\t').append(v);
                out.add(sb.toString());
            }
        }
    }

    private Face parse(String line, String rel, String group) {
        String[] c = line.split("\t");
        double[] k = new double[c.length - 10];
        for (int j = 0; j < k.length; j++) k[j] = Double.parseDouble(c[10 + j]);
        FaceDetection f = new FaceDetection(Double.parseDouble(c[4]), Double.parseDouble(c[5]), Double.parseDouble(c[6]),
                Double.parseDouble(c[7]), k, Double.parseDouble(c[8]), c[9]);
        String file = rel.substring(rel.indexOf('/') + 1);
        String source = file.contains("__") ? file.substring(0, file.indexOf("__")) : file;
        return new Face(rel, group, source, c[0], Integer.parseInt(c[1]), Double.parseDouble(c[2]), f, dir.resolve(c[3]));
    }

    static String safe(String rel) {
        return rel.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
