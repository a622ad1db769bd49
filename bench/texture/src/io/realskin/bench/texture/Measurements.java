package io.realskin.bench.texture;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.FaceRegion;
import io.realskin.texture.engine.MeasuredFace;
import io.realskin.texture.engine.SkinStatistics;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures every face of shared/portraits the way the engine does (skin statistics and frame evidence), for real
 * photographs also after {@link Plasticizer}; optionally keeps the plasticized images as PNG (the benchmark restores
 * them). The trainer and the quality benchmark share it.
 */
final class Measurements {
    final List<FaceSample> samples = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    /** Per real photograph: the plasticized PNG, its faces and the original's skin masks' fine energy (main face). */
    final List<Plasticized> plasticized = new ArrayList<>();

    record Plasticized(Portraits.Entry entry, Path png, List<FaceDetection> faces, int jpegQuality) {
    }

    static Measurements of(TextureEngine engine, Portraits portraits, Path keepPlasticized) throws Exception {
        Measurements m = new Measurements();
        if (keepPlasticized != null) Files.createDirectories(keepPlasticized);
        for (Portraits.Entry e : portraits.entries()) {
            long t0 = System.nanoTime();
            DecodedImage img;
            try {
                img = engine.decode(Files.readAllBytes(e.path(portraits.dir())));
            } catch (ImageRejectedException ex) {
                m.skipped.add(e.file() + " (" + ex.code() + ": " + ex.getMessage() + ")");
                continue;
            }
            try (img) {
                Mat orig = img.bgr8().clone();
                int q = img.quantisationQuality();
                List<FaceDetection> faces = engine.findFaces(orig);
                if (faces.isEmpty()) {
                    m.skipped.add(e.file() + " (no face found)");
                    orig.release();
                    continue;
                }
                List<MeasuredFace> mo = MeasuredFace.measure(orig, faces, q);
                String kind = e.kind().equals("real") ? "real" : e.kind();
                for (int i = 0; i < mo.size(); i++) m.add(e, kind, i, mo.get(i), Double.NaN);
                if (e.kind().equals("real")) {
                    Mat mainMask = mo.get(0).mask();
                    Mat plast = Plasticizer.plasticize(orig, faces, bgr -> energy(bgr, faces.get(0), mainMask));
                    List<MeasuredFace> mp = MeasuredFace.measure(plast, faces, q);
                    for (int i = 0; i < mp.size(); i++) {
                        m.add(e, "plasticized", i, mp.get(i), mo.get(i).stats().relativeFine());
                    }
                    mp.forEach(MeasuredFace::close);
                    if (keepPlasticized != null) {
                        Path png = keepPlasticized.resolve(e.file().replace('/', '_') + ".png");
                        MatOfByte buf = new MatOfByte();
                        Imgcodecs.imencode(".png", plast, buf);
                        Files.write(png, buf.toArray());
                        buf.release();
                        m.plasticized.add(new Plasticized(e, png, faces, q));
                    }
                    plast.release();
                }
                mo.forEach(MeasuredFace::close);
                orig.release();
                System.err.printf(Locale.ROOT, "  measured %-52s %d face(s) %.1f s%n", e.file(), faces.size(), (System.nanoTime() - t0) / 1e9);
            }
        }
        return m;
    }

    private void add(Portraits.Entry e, String kind, int face, MeasuredFace mf, double originalFine) {
        if (!mf.stats().usable()) return;
        double scale = mf.region().scale();
        samples.add(new FaceSample(e, kind, face, mf.stats(), mf.evidence(), originalFine, mf.stats().skinPixels() / (scale * scale)));
    }

    /** Skin fine-band energy (relative to luminance squared) of a face on a given analysis-scale mask. */
    static double energy(Mat bgr, FaceDetection face, Mat mask) {
        try (FaceRegion r = FaceRegion.of(bgr, face)) {
            return SkinStatistics.measure(r.smallGray(), mask).fineEnergy();
        }
    }

    static DecodedImage decodePng(Path png, int jpegQuality) throws Exception {
        Mat m = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(png)), Imgcodecs.IMREAD_COLOR);
        // the plasticized pixels stand for the original file, so they keep its JPEG quantisation as evidence
        return DecodedImage.of(m, jpegQuality < 100 ? ImageFormat.JPEG : ImageFormat.PNG, jpegQuality);
    }
}
