package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.jpeg.JpegReader;
import io.realskin.texture.jpeg.JpegUnsupportedException;
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
    private final TextureModel model;
    private final JpegCoefficientRestore jpeg;

    public TextureEngine() {
        this(ImageLimits.DEFAULT);
    }

    public TextureEngine(ImageLimits limits) {
        this(limits, TextureModel.DEFAULT);
    }

    /** An engine with another texture model (the trainer and the benchmarks evaluate held-out fits this way). */
    public TextureEngine(ImageLimits limits, TextureModel model) {
        OpenCvLoader.load();
        this.limits = limits;
        this.decoder = new SafeImageDecoder(limits);
        this.finder = new FaceFinder();
        this.model = model;
        this.jpeg = new JpegCoefficientRestore(this, limits);
    }

    public ImageLimits limits() {
        return limits;
    }

    public TextureModel model() {
        return model;
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
        String jpegFallback = null;
        if (JpegCoefficientRestore.isJpeg(encodedImage)
                && (options.outputFormat() == null || options.outputFormat() == ImageFormat.JPEG)) {
            JpegCoefficientRestore.Attempt a = jpeg.restore(encodedImage, options);
            if (a.result() != null) return a.result();
            jpegFallback = a.reason();
        }
        try (DecodedImage img = decoder.decode(encodedImage)) {
            Outcome o = restoreDecoded(img, options);
            ImageFormat format = options.outputFormat() != null ? options.outputFormat() : img.format();
            options.progress().onProgress("encode", 0);
            byte[] out = !o.changed() && format == img.format() ? encodedImage : encode(img, format, options.threads());
            options.progress().onProgress("encode", 1);
            return new RestoreResult(out, format.contentType(), format, img.width(), img.height(), o.before(), o.after(),
                    o.maskedFraction(), img.width() * (double) img.height() / 1e6, o.faces(), options.intensityLabel(),
                    o.faceOutcomes(), o.receipt(), model.version(),
                    format != ImageFormat.JPEG ? null : JpegLocality.reencoded(jpegFallback == null ? "input-format" : jpegFallback));
        }
    }

    /** What {@link #restoreDecoded} did. */
    public record Outcome(int faces, Double before, Double after, double maskedFraction, boolean changed,
                          List<FaceOutcome> faceOutcomes, LocalityReceipt receipt) {
    }

    /** Restores in place on decoded pixels (the service, the CLI and the benchmarks share this). */
    public Outcome restoreDecoded(DecodedImage img, RestoreOptions options) {
        options.progress().onProgress("detection", 0);
        return restoreFaces(img, finder.find(img.bgr8()), options);
    }

    /**
     * Restores in place around faces already found (the JPEG coefficient path finds them itself, and puts back the
     * blocks that changed: the engine writes pixels inside {@link FaceRegion#regionFor} only).
     */
    Outcome restoreFaces(DecodedImage img, List<FaceDetection> faces, RestoreOptions options) {
        ProgressListener progress = options.progress();
        progress.onProgress("detection", 1);
        TextureRecipe recipe = recipeFor(options);
        boolean recipeTarget = options.profile() != null || options.reference() != null;
        Mat userMask = options.mask() == null ? null : UserMask.load(options.mask(), img.width(), img.height(), limits);
        List<MeasuredFace> measured = MeasuredFace.measure(img.bgr8(), faces, img.quantisationQuality());
        List<FaceRestorer.Plan> plans = new ArrayList<>();
        Mat workMask = Mat.zeros(img.height(), img.width(), CvType.CV_8U);
        try {
            Double before = PlasticScorer.imageScore(measured, model);
            boolean nothing = faces.isEmpty() || (!options.autoIntensity() && options.intensity() == 0);
            for (MeasuredFace m : nothing ? List.<MeasuredFace>of() : measured) {
                FaceRestorer.Plan plan = FaceRestorer.plan(m, recipe, recipeTarget, model, userMask);
                plans.add(plan);
                addWeights(workMask, plan);
            }
            long applied = Core.countNonZero(workMask);
            Mat hashMask = workMask;
            String maskSource = LocalityReceipt.SKIN_MASK;
            if (userMask != null) {
                hashMask = new Mat();
                Imgproc.threshold(userMask, hashMask, 0, 255, Imgproc.THRESH_BINARY);
                maskSource = LocalityReceipt.USER_MASK;
            }
            try (ReceiptBuilder receipt = ReceiptBuilder.start(img.pixels(), hashMask, maskSource, plans)) {
                List<FaceOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < measured.size(); i++) {
                    progress.onProgress("synthesis", (double) i / measured.size());
                    MeasuredFace m = measured.get(i);
                    outcomes.add(nothing ? FaceRestorer.unchanged(m, FaceRestorer.target(m, recipe, recipeTarget, model))
                            : FaceRestorer.restore(img.pixels(), img.bgr8(), plans.get(i), recipe, options.intensity(),
                                    options.autoIntensity(), options.seed() * 1000 + i, options.threads()));
                }
                progress.onProgress("synthesis", 1);
                LocalityReceipt r = receipt.finish(img.pixels());
                boolean changed = r.pixelsChanged() > 0;
                Double after = before;
                if (changed) {
                    img.invalidateBgr8();
                    List<MeasuredFace> again = MeasuredFace.remeasure(img.bgr8(), measured);
                    try {
                        after = PlasticScorer.imageScore(again, model);
                    } finally {
                        again.forEach(MeasuredFace::close);
                    }
                }
                double total = (double) img.width() * img.height();
                return new Outcome(faces.size(), before, after, changed ? Math.min(1.0, applied / total) : 0, changed,
                        List.copyOf(outcomes), r);
            } finally {
                if (hashMask != workMask) hashMask.release();
            }
        } finally {
            plans.forEach(FaceRestorer.Plan::close);
            measured.forEach(MeasuredFace::close);
            workMask.release();
            if (userMask != null) userMask.release();
        }
    }

    private TextureRecipe recipeFor(RestoreOptions o) {
        if (o.profile() != null) return o.profile().recipe();
        if (o.reference() != null) return profile(o.reference()).recipe();
        return TextureRecipe.DEFAULT;
    }

    /**
     * Full-image 8-bit map, 255 where a default restore of this image may change pixels (some face's weights: the
     * feathered skin mask less what keeps its own texture), 0 elsewhere: the receipt's "skin" mask. For benchmarks and
     * tests. For a lossless image; a decoded JPEG's quality moves the target, and with it the weights: see
     * {@link #influenceMap(Mat, int)}.
     */
    public Mat influenceMap(Mat bgr8) {
        return influenceMap(bgr8, 100);
    }

    /** The influence map of pixels decoded from a JPEG of this quality ({@link DecodedImage#quantisationQuality()}). */
    public Mat influenceMap(Mat bgr8, int jpegQuality) {
        Mat map = Mat.zeros(bgr8.size(), CvType.CV_8U);
        List<MeasuredFace> measured = MeasuredFace.measure(bgr8, finder.find(bgr8), jpegQuality);
        try {
            for (MeasuredFace m : measured) {
                try (FaceRestorer.Plan plan = FaceRestorer.plan(m, TextureRecipe.DEFAULT, false, model, null)) {
                    addWeights(map, plan);
                }
            }
            return map;
        } finally {
            measured.forEach(MeasuredFace::close);
        }
    }

    /** Marks where a plan's weights are above 0. */
    private static void addWeights(Mat map, FaceRestorer.Plan plan) {
        Mat dst = map.submat(plan.face().region().roi()), bin = new Mat();
        Imgproc.threshold(plan.weights(), bin, 0, 255, Imgproc.THRESH_BINARY);
        bin.convertTo(bin, CvType.CV_8U);
        Core.max(dst, bin, dst);
        dst.release();
        bin.release();
    }

    // ------------------------------------------------------------------ source restore

    /** JPEG quality of a source restore's JPEG output: high, so the cleaned image is not re-blocked. */
    static final int SOURCE_JPEG_QUALITY = 95;

    /**
     * Cleans a damaged or small source photo (JPEG blocking, sensor noise) and upscales it 2x, inventing no texture.
     * The result is 8-bit colour (alpha and 16-bit depth are not kept), upright.
     *
     * @throws ImageRejectedException bad_image, or too_large when the input or the upscaled result exceeds the limits
     */
    public SourceRestoreResult sourceRestore(byte[] encodedImage, SourceRestoreOptions options) {
        limits.check(encodedImage == null ? 0 : encodedImage.length, null);
        ImageInfo info = ImageProbe.probe(encodedImage);
        limits.check(encodedImage.length, info);
        long outPixels = info.pixels() * options.upscale() * options.upscale();
        if (outPixels > limits.maxPixels()) {
            throw ImageRejectedException.tooLarge("the " + options.upscale() + "x result would have "
                    + Math.round(outPixels / 1e6) + " MP, over the " + limits.maxPixels() / 1_000_000 + " MP limit");
        }
        Mat work = null;
        boolean deblocked = false;
        if (options.denoise() && info.format() == ImageFormat.JPEG && info.complete()) {
            try {
                Mat stored = SourceRestorer.deblock(JpegReader.read(encodedImage));
                work = SafeImageDecoder.orient(stored, info.orientation());
                if (work != stored) stored.release();
                deblocked = true;
            } catch (JpegUnsupportedException e) {
                work = null; // decoded below like any other image
            }
        }
        if (work == null) {
            try (DecodedImage img = decoder.decode(encodedImage)) {
                work = img.bgr8().clone();
            }
        }
        try {
            double sigma = SourceRestorer.noiseSigma(work);
            boolean denoised = options.denoise() && sigma > SourceRestorer.NOISE_THRESHOLD;
            if (denoised) SourceRestorer.denoise(work, sigma);
            if (options.upscale() == 2) {
                Mat up = SourceRestorer.upscale2x(work);
                work.release();
                work = up;
            }
            ImageFormat format = options.outputFormat() != null ? options.outputFormat() : info.format();
            boolean unchanged = !deblocked && !denoised && options.upscale() == 1 && format == info.format();
            byte[] out = unchanged ? encodedImage : ImageEncoder.encode(work, format, SOURCE_JPEG_QUALITY, 0);
            return new SourceRestoreResult(out, format.contentType(), format, work.cols(), work.rows(),
                    work.cols() * (double) work.rows() / 1e6, deblocked, sigma, denoised);
        } finally {
            work.release();
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
        List<MeasuredFace> measured = MeasuredFace.measure(img.bgr8(), faces, img.quantisationQuality());
        try {
            List<FaceScore> out = new ArrayList<>();
            double skin = 0;
            for (MeasuredFace m : measured) {
                FaceDetection f = m.region().face();
                out.add(new FaceScore((int) Math.round(f.x()), (int) Math.round(f.y()), (int) Math.round(f.width()),
                        (int) Math.round(f.height()), f.score(), PlasticScorer.score(m.stats(), m.evidence(), model), m.stats(), m.evidence()));
                skin += Core.sumElems(m.mask()).val[0] / (m.region().scale() * m.region().scale());
            }
            double fraction = Math.min(1.0, skin / ((double) img.width() * img.height()));
            return new ScoreReport(img.width(), img.height(), out, PlasticScorer.imageScore(measured, model), fraction, model.version());
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
