package io.realskin.bench.texture;

import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.FaceRestore;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gallery in docs/ (issue 13): for each portrait of {@link #PORTRAITS} (files of shared/portraits whose MANIFEST
 * row states a permissive licence), one JPEG with the same cheek crop before, after intensity 40 and after auto
 * intensity ({@link GalleryPanels}), and docs/gallery.md with what the engine reported ({@link GalleryPage}).
 * Deterministic: a fixed seed, and the engine's output does not depend on the thread count.
 * Usage: Gallery PORTRAITS_DIR DOCS_DIR
 */
public final class Gallery {
    static final long SEED = 13;

    /** A portrait of the gallery: its path under shared/portraits and its licence in short (the MANIFEST row has the rest). */
    record Portrait(String path, String licence) {
        String name() {
            return Path.of(path).getFileName().toString();
        }

        String source() {
            String n = name();
            return n.substring(0, n.indexOf("__"));
        }

        boolean ai() {
            return path.startsWith("ai/");
        }
    }

    /**
     * Rows chosen by their licence note: public domain, CC0, Pexels, Unsplash, or an Apache-2.0 repository's own demo
     * images. Left out: LICENSE UNKNOWN, non-commercial repositories (S-Lab), watermarks, "unclear" or unverified notes,
     * repositories without a licence file.
     */
    static final List<Portrait> PORTRAITS = List.of(
            new Portrait("real/skimage__astronaut_eileen_collins.png", "public domain (NASA)"),
            new Portrait("real/pexels__aadil_2598024.jpg", "Pexels License"),
            new Portrait("real/pexels__mateus-souza_3586798.jpg", "Pexels License"),
            new Portrait("real/unsplash__IF9TK5Uy-KI_woman.jpg", "Unsplash License"),
            new Portrait("real/unsplash__N2IJ31xZ_ks_man.jpg", "Unsplash License"),
            new Portrait("real/cc0avatar__006.jpg", "CC0"),
            new Portrait("real/cc0avatar__028.jpg", "CC0"),
            new Portrait("real/cc0avatar__065.jpg", "CC0"),
            new Portrait("retouched/cc0avatar__081_retouched.jpg", "CC0"),
            new Portrait("ai/ipadapter__ai_face.png", "Apache-2.0 (repository)"),
            new Portrait("ai/iclight__i5.png", "Apache-2.0 (repository)"),
            new Portrait("ai/iclight__alter_i4.png", "Apache-2.0 (repository)"),
            new Portrait("ai/fluxrealpix__11.png", "Apache-2.0 (repository); FLUX.1-dev model licence"),
            new Portrait("ai/fluxrealpix__99.png", "Apache-2.0 (repository); FLUX.1-dev model licence"),
            new Portrait("ai/canopusxl__E.png", "Apache-2.0 (repository)"),
            new Portrait("ai/canopusxl__H.png", "Apache-2.0 (repository)"));

    /** What the engine did to one portrait's largest face, at intensity 40 and at auto. */
    record Entry(Portrait portrait, String[] manifest, int facePx, FaceRestore at40, FaceRestore atAuto,
                 Double plasticBefore, Double plastic40, Double plasticAuto) {
    }

    public static void main(String[] args) throws Exception {
        Path portraits = Path.of(args.length > 0 ? args[0] : "../shared/portraits");
        Path docs = Path.of(args.length > 1 ? args[1] : "docs");
        Map<String, String[]> manifest = manifest(portraits.resolve("MANIFEST.tsv"));
        Path dir = docs.resolve("gallery");
        Files.createDirectories(dir);
        TextureEngine engine = new TextureEngine();
        List<Entry> entries = new ArrayList<>();
        for (Portrait p : PORTRAITS) {
            String[] row = manifest.get(p.path());
            if (row == null) throw new IllegalStateException(p.path() + " has no MANIFEST.tsv row");
            Entry e = one(engine, p, row, Files.readAllBytes(portraits.resolve(p.path())), dir);
            if (e != null) entries.add(e);
        }
        Files.writeString(docs.resolve("gallery.md"), GalleryPage.markdown(entries));
        System.out.println("wrote " + entries.size() + " crops to " + dir + " and " + docs.resolve("gallery.md"));
    }

    private static Entry one(TextureEngine engine, Portrait p, String[] row, byte[] bytes, Path dir) throws Exception {
        RestoreOptions base = RestoreOptions.defaults().withSeed(SEED);
        RestoreResult r40 = engine.restore(bytes, base.withIntensity(40));
        RestoreResult rAuto = engine.restore(bytes, base.withAutoIntensity(true));
        try (DecodedImage before = engine.decode(bytes);
             DecodedImage after40 = engine.decode(r40.bytes());
             DecodedImage afterAuto = engine.decode(rAuto.bytes())) {
            List<FaceDetection> faces = engine.findFaces(before.bgr8());
            if (faces.isEmpty()) {
                System.out.println("  (no face in " + p.name() + ", left out)");
                return null;
            }
            FaceDetection face = faces.stream().max(Comparator.comparingDouble(FaceDetection::width)).orElseThrow();
            FaceRestore f40 = matching(r40.faceRestores(), face);
            FaceRestore fAuto = matching(rAuto.faceRestores(), face);
            String autoLabel = fAuto.skipped() != null ? "auto: left alone (" + fAuto.skipped() + ")"
                    : "auto: level " + fAuto.intensity();
            String label40 = f40.skipped() != null ? "intensity 40: left alone (" + f40.skipped() + ")" : "intensity 40";
            Mat[] images = {before.bgr8(), after40.bgr8(), afterAuto.bgr8()};
            String[] labels = {"before", label40, autoLabel};
            Files.write(dir.resolve(GalleryPage.jpegName(p)), GalleryPanels.jpeg(images, labels, GalleryPanels.cheekCrop(face, before.width(), before.height())));
            System.out.printf("  %s: face %d px, auto level %d%n", p.name(), Math.round(face.width()), fAuto.intensity());
            return new Entry(p, row, (int) Math.round(face.width()), f40, fAuto, r40.plasticScoreBefore(),
                    r40.plasticScoreAfter(), rAuto.plasticScoreAfter());
        }
    }

    /** The engine's report of the face that overlaps {@code face} most (its JPEG path detects on a preview). */
    static FaceRestore matching(List<FaceRestore> restores, FaceDetection face) {
        FaceRestore best = null;
        double bestIou = 0;
        for (FaceRestore r : restores) {
            FaceDetection box = new FaceDetection(r.x(), r.y(), r.width(), r.height(), null, 1, "report");
            double iou = box.iou(face);
            if (iou > bestIou) {
                bestIou = iou;
                best = r;
            }
        }
        if (best == null) throw new IllegalStateException("no restore report overlaps the face at " + face);
        return best;
    }

    /** MANIFEST.tsv rows by file (its first column), each row's columns as they are. */
    static Map<String, String[]> manifest(Path tsv) throws Exception {
        Map<String, String[]> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] cols = line.split("\t", -1);
            out.put(cols[0], cols);
        }
        return out;
    }
}
