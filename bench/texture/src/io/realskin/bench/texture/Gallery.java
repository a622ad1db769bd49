package io.realskin.bench.texture;

import io.realskin.imaging.ImageFormat;
import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.FaceOutcome;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The docs gallery: for each portrait given (they must have a permissive licence in MANIFEST.tsv), a crop of the cheek
 * and nose at 2x (nearest neighbour, so pixels stay pixels): before | after at 40 | after at auto, as a small JPEG in
 * OUT_DIR, and OUT_DIR/README.md with each crop's source line and what the engine reported.
 * Usage: Gallery PORTRAITS_DIR OUT_DIR FILE...
 */
public final class Gallery {
    /** Licence notes that make a file usable here (the MANIFEST's own words). */
    static final List<String> PERMISSIVE = List.of("public domain", "cc0", "pexels license", "unsplash license", "apache-2.0");
    static final int ZOOM = 2;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<String> rows = Files.readAllLines(dir.resolve("MANIFEST.tsv"));
        TextureEngine engine = new TextureEngine();
        StringBuilder md = new StringBuilder();
        md.append("# Texture engine gallery\n\n")
                .append("Written by `bench/texture/gallery` (do not edit by hand). Each image: a crop of the cheek and nose at 2x\n")
                .append("(nearest neighbour): **before | after at intensity 40 | after at auto**. Model `").append(engine.model().version())
                .append("`, seed 7; the model was trained on\nthese portraits among others (in-sample: see docs/texture-engine.md for the out-of-source figures).\n")
                .append("Only portraits whose MANIFEST row states a permissive licence; each crop's source line is below it.\n\n");
        for (String file : List.of(args).subList(2, args.length)) {
            String row = rows.stream().filter(r -> r.startsWith(file + "\t")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(file + " is not in MANIFEST.tsv"));
            String[] c = row.split("\t");
            String licence = c[6];
            if (PERMISSIVE.stream().noneMatch(p -> licence.toLowerCase(Locale.ROOT).contains(p))) {
                throw new IllegalArgumentException(file + ": no permissive licence in its MANIFEST row: " + licence);
            }
            byte[] bytes = Files.readAllBytes(dir.resolve(file));
            Mat before, at40, auto;
            FaceOutcome face40, faceAuto;
            FaceDetection face;
            try (DecodedImage img = engine.decode(bytes)) {
                before = img.bgr8().clone();
                face = engine.findFaces(before).get(0);
            }
            var r40 = restore(engine, bytes, RestoreOptions.defaults().withIntensity(40).withSeed(7));
            var rAuto = restore(engine, bytes, RestoreOptions.defaults().withAutoIntensity().withSeed(7));
            at40 = r40.pixels();
            auto = rAuto.pixels();
            face40 = r40.face();
            faceAuto = rAuto.face();
            Rect crop = cropOf(face, before);
            Mat strip = new Mat();
            List<Mat> panels = new ArrayList<>();
            for (Mat m : new Mat[] {before, at40, auto}) {
                Mat p = new Mat();
                Imgproc.resize(m.submat(crop), p, new Size(crop.width * ZOOM, crop.height * ZOOM), 0, 0, Imgproc.INTER_NEAREST);
                panels.add(p);
                Mat gap = new Mat(p.rows(), 4, p.type(), new Scalar(255, 255, 255));
                panels.add(gap);
            }
            panels.remove(panels.size() - 1);
            Core.hconcat(panels, strip);
            String name = file.substring(file.indexOf('/') + 1).replaceAll("\\.[a-z]+$", "") + ".jpg";
            MatOfByte buf = new MatOfByte();
            Imgcodecs.imencode(".jpg", strip, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 88));
            Files.write(out.resolve(name), buf.toArray());
            md.append("![").append(file).append("](").append(name).append(")\n\n")
                    .append(String.format(Locale.ROOT, "`%s` (%s, %dx%d; crop %dx%d at x=%d y=%d, face %.0f px): at 40 level %.0f, energy %.2fx "
                                    + "its target; auto chose level %.0f, %.2fx its target%s.  \n",
                            file, c[0].startsWith("ai/") ? "AI" : "real photo", before.cols(), before.rows(), crop.width, crop.height,
                            crop.x, crop.y, face.scaleWidth(), face40.level(), face40.afterOverTarget(), faceAuto.level(),
                            faceAuto.afterOverTarget(), faceAuto.level() == 0 ? " (already in the real-photo band: left alone)" : ""))
                    .append("Source: ").append(c[1]).append(" `").append(c[2]).append("` at ").append(c[3].substring(0, 12))
                    .append(". Licence: ").append(licence).append("\n\n");
            System.err.printf(Locale.ROOT, "  gallery %-48s auto level %.0f%n", file, faceAuto.level());
            for (Mat m : new Mat[] {before, at40, auto, strip}) m.release();
        }
        Files.writeString(out.resolve("README.md"), md);
    }

    record Restored(Mat pixels, FaceOutcome face) {
    }

    static Restored restore(TextureEngine engine, byte[] bytes, RestoreOptions options) {
        try (DecodedImage img = engine.decode(bytes)) {
            var o = engine.restoreDecoded(img, options.withOutputFormat(ImageFormat.PNG));
            return new Restored(img.bgr8().clone(), o.faceOutcomes().get(0));
        }
    }

    /** Cheek and nose: centred between the nose tip and the subject's right eye, a third of the face wide (<= 180 px). */
    static Rect cropOf(FaceDetection f, Mat img) {
        int size = (int) Math.max(64, Math.min(180, 0.34 * f.scaleWidth()));
        Point c = new Point((f.kx(FaceDetection.NOSE) + f.kx(FaceDetection.RIGHT_EYE)) / 2,
                f.ky(FaceDetection.NOSE) * 0.65 + f.ky(FaceDetection.RIGHT_EYE) * 0.35);
        int x = (int) Math.max(0, Math.min(img.cols() - size, c.x - size / 2.0));
        int y = (int) Math.max(0, Math.min(img.rows() - size, c.y - size / 2.0));
        return new Rect(x, y, Math.min(size, img.cols()), Math.min(size, img.rows()));
    }
}
