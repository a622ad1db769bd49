package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ImageLimits;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/**
 * The skin texture engine: face detection, skin mask, face-scaled texture synthesis blended in the high band,
 * local (masked) and reference modes, plastic-skin score. Plain Java + OpenCV. Construct once (loads the
 * models); thread-safe.
 */
public final class TextureEngine {
    private final ImageLimits limits;
    private final SafeImageDecoder decoder;
    private final FaceFinder finder;

    public TextureEngine() {
        this(ImageLimits.DEFAULT);
    }

    public TextureEngine(ImageLimits limits) {
        OpenCvLoader.load();
        this.limits = limits;
        this.decoder = new SafeImageDecoder(limits);
        this.finder = new FaceFinder();
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Decodes with the engine's limits (the caller closes the image). */
    public DecodedImage decode(byte[] encoded) {
        return decoder.decode(encoded);
    }

    public List<FaceDetection> findFaces(Mat bgr8) {
        return finder.find(bgr8);
    }

    // ------------------------------------------------------------------ restore

    /**
     * Restores skin texture. Returns the input bytes untouched when nothing changes (intensity 0, no face)
     * and the output format is the input's.
     *
     * @throws ImageRejectedException bad_image / too_large for the image, the mask or the reference
     */
    public RestoreResult restore(byte[] encodedImage, RestoreOptions options) {
        try (DecodedImage img = decoder.decode(encodedImage)) {
            Outcome o = restoreDecoded(img, options);
            ImageFormat format = options.outputFormat() != null ? options.outputFormat() : img.format();
            options.progress().onProgress("encode", 0);
            byte[] out = !o.changed() && format == img.format()
                    ? encodedImage
                    : ImageEncoder.encode(img.pixels(), format, img.jpegQuality());
            options.progress().onProgress("encode", 1);
            return new RestoreResult(out, format.contentType(), format, img.width(), img.height(), o.before(), o.after(),
                    o.maskedFraction(), img.width() * (double) img.height() / 1e6, o.faces());
        }
    }

    /** What {@link #restoreDecoded} did. */
    public record Outcome(int faces, Double before, Double after, double maskedFraction, boolean changed) {
    }

    /** Restores in place on decoded pixels (the service, the CLI and the benchmarks share this). */
    public Outcome restoreDecoded(DecodedImage img, RestoreOptions options) {
        ProgressListener progress = options.progress();
        progress.onProgress("detection", 0);
        List<FaceDetection> faces = finder.find(img.bgr8());
        progress.onProgress("detection", 1);
        TextureRecipe recipe = recipeFor(options);
        Mat userMask = options.mask() == null ? null : UserMask.load(options.mask(), img.width(), img.height(), limits);
        List<Measured> measured = measure(img.bgr8(), faces);
        try {
            Double before = imageScore(measured);
            if (options.intensity() == 0 || faces.isEmpty()) {
                progress.onProgress("synthesis", 1);
                return new Outcome(faces.size(), before, before, 0, false);
            }
            long changedPixels = 0;
            boolean changed = false;
            for (int i = 0; i < measured.size(); i++) {
                progress.onProgress("synthesis", (double) i / measured.size());
                Measured m = measured.get(i);
                long n = restoreFace(img, m, recipe, options.intensity(), options.seed() * 1000 + i, userMask);
                changedPixels += n;
                changed |= n > 0;
            }
            progress.onProgress("synthesis", 1);
            Double after = before;
            if (changed) {
                img.invalidateBgr8();
                List<Measured> again = measure(img.bgr8(), faces);
                try {
                    after = imageScore(again);
                } finally {
                    again.forEach(Measured::close);
                }
            }
            double total = (double) img.width() * img.height();
            return new Outcome(faces.size(), before, after, Math.min(1.0, changedPixels / total), changed);
        } finally {
            measured.forEach(Measured::close);
            if (userMask != null) userMask.release();
        }
    }

    private TextureRecipe recipeFor(RestoreOptions o) {
        if (o.profile() != null) return o.profile().recipe();
        if (o.reference() != null) return profile(o.reference()).recipe();
        return TextureRecipe.DEFAULT;
    }

    /** Returns the number of pixels changed. */
    private long restoreFace(DecodedImage img, Measured m, TextureRecipe recipe, int intensity, long seed, Mat userMask) {
        SkinStatistics s = m.stats;
        if (!s.usable()) return 0;
        FaceRegion r = m.region;
        Rect roi = r.roi();
        // amplitude: bring the fine band to the target (fine/contrast of real skin), scaled by intensity/50
        double target = Math.min(recipe.fineOverContrast() * s.contrast(), 0.08 * s.meanLuminance());
        target = Math.max(target, 0.006 * s.meanLuminance());
        double deficit = Math.sqrt(Math.max(target * target - s.fineRms() * s.fineRms(), 0.0625 * target * target));
        double addRelative = intensity / 50.0 * deficit / Math.max(1.0, s.meanLuminance());

        Mat wSmall = m.mask.clone();
        Mat wFull = new Mat();
        Mat field = null;
        Mat fieldSmall = new Mat();
        try {
            if (recipe.luminanceCurve() != null) luminanceWeight(r.smallGray(), wSmall, recipe, s.meanLuminance());
            upsampleWeights(wSmall, roi, wFull);
            if (userMask != null) {
                Mat um = userMask.submat(roi);
                Mat umF = new Mat();
                um.convertTo(umF, wFull.type(), 1 / 255.0);
                Core.multiply(wFull, umF, wFull);
                um.release();
                umF.release();
            }
            int n = Core.countNonZero(wFull);
            if (n == 0) return 0;
            field = TextureSynthesizer.synthesize(roi.width, roi.height, r.face().scaleWidth(), seed, recipe);
            Core.multiply(field, wFull, field);
            wFull.release();
            Imgproc.resize(field, fieldSmall, r.smallGray().size(), 0, 0, Imgproc.INTER_AREA);
            double rms = SkinStatistics.fineRmsOf(fieldSmall, m.mask);
            if (!(rms > 1e-6)) rms = 0.5;
            TextureApplier.apply(img.pixels(), roi, field, addRelative / rms);
            return n;
        } finally {
            wSmall.release();
            wFull.release();
            fieldSmall.release();
            if (field != null) field.release();
        }
    }

    /** The feathered skin mask at full resolution: zero (exactly) where the engine leaves pixels alone. */
    static void upsampleWeights(Mat wSmall, Rect roi, Mat wFull) {
        Imgproc.resize(wSmall, wFull, new Size(roi.width, roi.height), 0, 0, Imgproc.INTER_LINEAR);
        Imgproc.threshold(wFull, wFull, 1.0 / 512, 0, Imgproc.THRESH_TOZERO);
    }

    /**
     * Full-image 8-bit map, 255 where a restore of this image may change pixels (inside some face's feathered
     * skin mask), 0 elsewhere. For benchmarks and tests.
     */
    public Mat influenceMap(Mat bgr8) {
        Mat map = Mat.zeros(bgr8.size(), org.opencv.core.CvType.CV_8U);
        List<Measured> measured = measure(bgr8, finder.find(bgr8));
        try {
            for (Measured m : measured) {
                Mat wFull = new Mat(), bin = new Mat();
                upsampleWeights(m.mask, m.region.roi(), wFull);
                Imgproc.threshold(wFull, bin, 0, 255, Imgproc.THRESH_BINARY);
                bin.convertTo(bin, org.opencv.core.CvType.CV_8U);
                Mat dst = map.submat(m.region.roi());
                Core.max(dst, bin, dst);
                dst.release();
                wFull.release();
                bin.release();
            }
            return map;
        } finally {
            measured.forEach(Measured::close);
        }
    }

    private static void luminanceWeight(Mat gray, Mat w, TextureRecipe recipe, double meanL) {
        Mat smooth = new Mat();
        Mat lut = new Mat(1, 256, org.opencv.core.CvType.CV_32F);
        Mat g8 = new Mat(), factor = new Mat();
        try {
            Imgproc.GaussianBlur(gray, smooth, new Size(0, 0), 4);
            smooth.convertTo(g8, org.opencv.core.CvType.CV_8U);
            double ref = recipe.luminanceFactor(meanL);
            float[] v = new float[256];
            for (int i = 0; i < 256; i++) v[i] = (float) (recipe.luminanceFactor(i) / Math.max(1e-6, ref));
            lut.put(0, 0, v);
            Core.LUT(g8, lut, factor);
            Core.multiply(w, factor, w);
        } finally {
            smooth.release();
            lut.release();
            g8.release();
            factor.release();
        }
    }

    // ------------------------------------------------------------------ score

    public ScoreReport score(byte[] encodedImage) {
        try (DecodedImage img = decoder.decode(encodedImage)) {
            return score(img);
        }
    }

    public ScoreReport score(DecodedImage img) {
        List<FaceDetection> faces = finder.find(img.bgr8());
        List<Measured> measured = measure(img.bgr8(), faces);
        try {
            List<FaceScore> out = new ArrayList<>();
            double skin = 0;
            for (Measured m : measured) {
                FaceDetection f = m.region.face();
                out.add(new FaceScore((int) Math.round(f.x()), (int) Math.round(f.y()), (int) Math.round(f.width()),
                        (int) Math.round(f.height()), f.score(), PlasticScorer.score(m.stats), m.stats));
                skin += Core.sumElems(m.mask).val[0] / (m.region.scale() * m.region.scale());
            }
            double fraction = Math.min(1.0, skin / ((double) img.width() * img.height()));
            return new ScoreReport(img.width(), img.height(), out, imageScore(measured), fraction);
        } finally {
            measured.forEach(Measured::close);
        }
    }

    // ------------------------------------------------------------------ profile

    /** Texture statistics of a reference photograph's skin. @throws ImageRejectedException when it has no face */
    public TextureProfile profile(byte[] referenceImage) {
        try (DecodedImage img = decoder.decode(referenceImage)) {
            List<FaceDetection> faces = finder.find(img.bgr8());
            TextureProfile p = TextureProfiler.measure(img.bgr8(), faces);
            if (p.faces() == 0) {
                throw ImageRejectedException.badImage("the reference image shows no face with measurable skin");
            }
            return p;
        }
    }

    // ------------------------------------------------------------------ shared

    /** A face's region, skin mask (analysis scale) and statistics. */
    public record Measured(FaceRegion region, Mat mask, SkinStatistics stats) implements AutoCloseable {
        @Override
        public void close() {
            region.close();
            mask.release();
        }
    }

    public static List<Measured> measure(Mat bgr8, List<FaceDetection> faces) {
        List<Measured> out = new ArrayList<>();
        for (FaceDetection f : faces) {
            FaceRegion r = FaceRegion.of(bgr8, f);
            Mat mask = SkinMaskBuilder.build(r);
            out.add(new Measured(r, mask, SkinStatistics.measure(r.smallGray(), mask)));
        }
        return out;
    }

    /** Skin-area-weighted mean of the measurable faces' scores, or null. */
    static Double imageScore(List<Measured> measured) {
        double sum = 0, weight = 0;
        for (Measured m : measured) {
            Double s = PlasticScorer.score(m.stats);
            if (s == null) continue;
            double w = m.stats.skinPixels() / (m.region.scale() * m.region.scale());
            sum += s * w;
            weight += w;
        }
        return weight == 0 ? null : sum / weight;
    }

    static Scalar s(double v) {
        return new Scalar(v);
    }
}
