package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/**
 * The skin texture engine: face detection, skin mask, face-scaled texture synthesis blended in the high band,
 * local (masked) and reference modes, plastic-skin score. Plain Java + OpenCV. Construct once (loads the
 * models); thread-safe. Each step is a class of its own; the engine hands data from one to the next.
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

    /** Encodes pixels as the format asks (JPEG at the input's quality, PNG lossless), on every core. */
    public byte[] encode(DecodedImage img, ImageFormat format) {
        return encode(img, format, 0);
    }

    /** Encodes pixels as the format asks on up to {@code threads} threads (0: every core). */
    public byte[] encode(DecodedImage img, ImageFormat format, int threads) {
        return ImageEncoder.encode(img.pixels(), format, img.jpegQuality(), threads);
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
            byte[] out = !o.changed() && format == img.format() ? encodedImage : encode(img, format, options.threads());
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
        List<MeasuredFace> measured = MeasuredFace.measure(img.bgr8(), faces);
        try {
            Double before = PlasticScorer.imageScore(measured);
            if (options.intensity() == 0 || faces.isEmpty()) {
                progress.onProgress("synthesis", 1);
                return new Outcome(faces.size(), before, before, 0, false);
            }
            long changedPixels = 0;
            for (int i = 0; i < measured.size(); i++) {
                progress.onProgress("synthesis", (double) i / measured.size());
                changedPixels += FaceRestorer.restore(img.pixels(), measured.get(i), recipe, options.intensity(),
                        options.seed() * 1000 + i, userMask, options.threads());
            }
            progress.onProgress("synthesis", 1);
            boolean changed = changedPixels > 0;
            Double after = before;
            if (changed) {
                img.invalidateBgr8();
                List<MeasuredFace> again = MeasuredFace.measure(img.bgr8(), faces);
                try {
                    after = PlasticScorer.imageScore(again);
                } finally {
                    again.forEach(MeasuredFace::close);
                }
            }
            double total = (double) img.width() * img.height();
            return new Outcome(faces.size(), before, after, Math.min(1.0, changedPixels / total), changed);
        } finally {
            measured.forEach(MeasuredFace::close);
            if (userMask != null) userMask.release();
        }
    }

    private TextureRecipe recipeFor(RestoreOptions o) {
        if (o.profile() != null) return o.profile().recipe();
        if (o.reference() != null) return profile(o.reference()).recipe();
        return TextureRecipe.DEFAULT;
    }

    /**
     * Full-image 8-bit map, 255 where a restore of this image may change pixels (inside some face's feathered
     * skin mask), 0 elsewhere. For benchmarks and tests.
     */
    public Mat influenceMap(Mat bgr8) {
        Mat map = Mat.zeros(bgr8.size(), CvType.CV_8U);
        List<MeasuredFace> measured = MeasuredFace.measure(bgr8, finder.find(bgr8));
        try {
            for (MeasuredFace m : measured) {
                Mat wFull = new Mat(), bin = new Mat();
                FaceRestorer.upsampleWeights(m.mask(), m.region().roi(), wFull);
                Imgproc.threshold(wFull, bin, 0, 255, Imgproc.THRESH_BINARY);
                bin.convertTo(bin, CvType.CV_8U);
                Mat dst = map.submat(m.region().roi());
                Core.max(dst, bin, dst);
                dst.release();
                wFull.release();
                bin.release();
            }
            return map;
        } finally {
            measured.forEach(MeasuredFace::close);
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
        List<MeasuredFace> measured = MeasuredFace.measure(img.bgr8(), faces);
        try {
            List<FaceScore> out = new ArrayList<>();
            double skin = 0;
            for (MeasuredFace m : measured) {
                FaceDetection f = m.region().face();
                out.add(new FaceScore((int) Math.round(f.x()), (int) Math.round(f.y()), (int) Math.round(f.width()),
                        (int) Math.round(f.height()), f.score(), PlasticScorer.score(m.stats()), m.stats()));
                skin += Core.sumElems(m.mask()).val[0] / (m.region().scale() * m.region().scale());
            }
            double fraction = Math.min(1.0, skin / ((double) img.width() * img.height()));
            return new ScoreReport(img.width(), img.height(), out, PlasticScorer.imageScore(measured), fraction);
        } finally {
            measured.forEach(MeasuredFace::close);
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
}
