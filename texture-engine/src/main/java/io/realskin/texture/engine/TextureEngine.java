package io.realskin.texture.engine;

import io.realskin.imaging.opencv.ExifOrientation;
import io.realskin.imaging.CarriedMetadata;
import io.realskin.imaging.IccProfile;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.jpeg.JpegFrame;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ResultFiles;
import io.realskin.texture.concurrent.Parallel;
import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegReader;
import io.realskin.texture.jpeg.JpegUnsupportedException;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The skin texture engine: face detection, skin mask, face-scaled texture synthesis blended in the high band,
 * local (masked) and reference modes, plastic-skin score. Plain Java + OpenCV. Construct once (loads OpenCV and
 * starts loading the models); thread-safe. Each step is a class of its own; the engine hands data from one to the next.
 */
public final class TextureEngine {
    private final ImageLimits limits;
    private final SafeImageDecoder decoder;
    /** Loading in the background from the constructor on: see {@link #finder()}. */
    private final CompletableFuture<FaceFinder> finder;
    private final JpegCoefficientRestore jpeg;
    private final TargetModel targetModel;

    public TextureEngine() {
        this(ImageLimits.DEFAULT);
    }

    public TextureEngine(ImageLimits limits) {
        // the models' load starts first: its first step, reading the full-range model from the jar, needs no OpenCV
        // and overlaps OpenCV's load here (the import then waits for it)
        this.finder = Parallel.async(new Supplier<FaceFinder>() { // not a lambda: see Parallel#async
            @Override
            public FaceFinder get() {
                return new FaceFinder();
            }
        });
        OpenCvLoader.load();
        this.limits = limits;
        this.decoder = new SafeImageDecoder(limits);
        this.jpeg = new JpegCoefficientRestore(this, limits);
        this.targetModel = TargetModel.DEFAULT;
    }

    private TextureEngine(TextureEngine from, TargetModel targetModel) {
        this.limits = from.limits;
        this.decoder = from.decoder;
        this.finder = from.finder;
        this.jpeg = new JpegCoefficientRestore(this, limits);
        this.targetModel = targetModel;
    }

    /**
     * This engine (sharing its models) with another texture-target model: the benchmark's leave-one-source-out
     * evaluation restores with a model fitted without the photo's source.
     */
    public TextureEngine withTargetModel(TargetModel model) {
        return new TextureEngine(this, model);
    }

    /**
     * The face detectors. Their models load on a helper thread from the constructor on, so a first call overlaps
     * them with reading its image (a JPEG's coefficients, a PNG's pixels); the first detection waits for them, and
     * fails as the load did if a model could not be read.
     */
    private FaceFinder finder() {
        return Parallel.join(finder);
    }

    /**
     * Waits until the face models are loaded and returns this engine; throws as the load did if a model could not be
     * read. A service calls it at start, so a broken model stops the start instead of failing the first job.
     */
    public TextureEngine awaitModels() {
        finder();
        return this;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Decodes with the engine's limits (the caller closes the image). */
    public DecodedImage decode(byte[] encoded) {
        return decoder.decode(encoded);
    }

    /** {@link SafeImageDecoder#decodeAdmitted}: bytes this engine's limits have admitted as {@code info}. */
    DecodedImage decodeAdmitted(byte[] encoded, ImageInfo info) {
        return decoder.decodeAdmitted(encoded, info);
    }

    /** Encodes pixels as the format asks (JPEG at the input's quality, PNG lossless), on every core. */
    public byte[] encode(DecodedImage img, ImageFormat format) {
        return encode(img, format, 0);
    }

    /** Encodes pixels as the format asks on up to {@code threads} threads (0: every core), with the input's ICC profile. */
    public byte[] encode(DecodedImage img, ImageFormat format, int threads) {
        return encode(img, format, threads, CarriedMetadata.iccOnly(img.iccProfile()));
    }

    /** Encodes pixels as the format asks on up to {@code threads} threads (0: every core), with {@code metadata}. */
    byte[] encode(DecodedImage img, ImageFormat format, int threads, CarriedMetadata metadata) {
        // a gray PNG with alpha and a gray profile, decoded as BGRA, is written gray and alpha again to keep its profile
        Mat grayAlpha = format == ImageFormat.PNG && metadata.icc() != null && IccProfile.describes(metadata.icc(), 2)
                ? GrayAlpha.of(img.pixels()) : null;
        Mat pixels = grayAlpha != null ? grayAlpha : img.pixels();
        try {
            byte[] encoded = ImageEncoder.encode(pixels, format, img.jpegQuality(), threads);
            return ResultFiles.embed(encoded, format, metadata, pixels.channels());
        } finally {
            if (grayAlpha != null) grayAlpha.release();
        }
    }

    public List<FaceDetection> findFaces(Mat bgr8) {
        return finder().find(bgr8);
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
            // what a result carries (the profile as the decode read it); the decode turned the pixels upright, so a file
            // written from them says 1 (upright())
            CarriedMetadata carried = CarriedMetadata.of(encodedImage, img.iccProfile());
            options.progress().onProgress("detection", 0);
            List<FaceDetection> faces = finder().find(img.bgr8());
            // the decoded input, for the locality receipt: the engine changes pixels only in the faces' work regions
            ImageFormat format = options.outputFormat() != null ? options.outputFormat() : img.format();
            ImageEncoder.checkFits(format, img.width(), img.height());
            try (RegionCopies input = new RegionCopies(img.pixels(), LocalityReceipts.regions(faces, img.width(), img.height()));
                 ReencodedJpeg jpegOut = format == ImageFormat.JPEG ? new ReencodedJpeg(this, options.threads(), carried.upright()) : null) {
                Outcome o = restoreFaces(img, faces, options, null, jpegOut);
                options.progress().onProgress("encode", 0);
                // nothing changed: the input's image data with the metadata a result carries (null for TIFF and BMP,
                // which are written again from their pixels as a changed result is)
                byte[] rewritten = !o.changed() && format == img.format() ? ResultFiles.unchanged(encodedImage, carried) : null;
                byte[] out = jpegOut != null && jpegOut.bytes() != null ? jpegOut.bytes()
                        : rewritten != null ? rewritten : encode(img, format, options.threads(), carried.upright());
                options.progress().onProgress("encode", 1);
                LocalityReceipt receipt = LocalityReceipts.pixelPath(input, img, out == encodedImage ? null : out,
                        format, jpegOut != null ? jpegOut::decode : this::decode, options);
                return new RestoreResult(out, format.contentType(), format, img.width(), img.height(), o.before(), o.after(),
                        o.maskedFraction(), img.width() * (double) img.height() / 1e6, o.faces(),
                        format != ImageFormat.JPEG ? null : jpegLocality(jpegFallback, rewritten),
                        o.faceRestores(), receipt);
            }
        }
    }

    /**
     * How the pixel path made a JPEG result: encoded again, or the input's coding copied when nothing changed
     * ({@code rewritten}: the input's image data with the metadata a result carries; null when encoded).
     */
    private static JpegLocality jpegLocality(String fallback, byte[] rewritten) {
        String reason = fallback == null ? "input-format" : fallback;
        if (rewritten == null) return JpegLocality.reencoded(reason);
        JpegFrame frame = JpegFrame.of(rewritten);
        return JpegLocality.copied(reason, frame == null ? 0 : frame.blocks());
    }

    /** What {@link #restoreDecoded} did. */
    public record Outcome(int faces, Double before, Double after, double maskedFraction, boolean changed,
                          List<FaceRestore> faceRestores) {
    }

    /** Restores in place on decoded pixels (the service, the CLI and the benchmarks share this). */
    public Outcome restoreDecoded(DecodedImage img, RestoreOptions options) {
        options.progress().onProgress("detection", 0);
        return restoreFaces(img, finder().find(img.bgr8()), options, null, null);
    }

    /**
     * Restores in place around faces already found (the JPEG coefficient path finds them on a preview and decodes
     * only their regions: the engine reads and writes pixels inside {@link FaceRegion#regionFor} only, and reads the
     * texture target's evidence from {@code evidence}, or from the image when null). The scores after are measured on
     * what {@code delivery} says a lossy output decodes to, or on the restored pixels when it is null.
     */
    Outcome restoreFaces(DecodedImage img, List<FaceDetection> faces, RestoreOptions options, FrameEvidence.Frame evidence,
                         Delivery delivery) {
        ProgressListener progress = options.progress();
        progress.onProgress("detection", 1);
        TextureRecipe recipe = recipeFor(options);
        Mat userMask = options.mask() == null ? null : UserMask.load(options.mask(), img.width(), img.height(), limits);
        List<MeasuredFace> measured = MeasuredFace.measure(img.bgr8(), faces);
        List<CompletableFuture<Void>> besides = new ArrayList<>(1);
        // what a face's report measures: its skin inside the user's mask (null: the whole face's skin)
        Mat[] reported = new Mat[measured.size()];
        try {
            for (int i = 0; i < reported.length && userMask != null; i++) reported[i] = UserMask.skinInside(userMask, measured.get(i));
            Double before = PlasticScorer.imageScore(measured);
            double[] targets = new double[measured.size()];
            FrameEvidence.Frame frame = evidence != null ? evidence : new FrameEvidence.Frame(img.bgr8(), 1, img.width(), img.height());
            Runnable measureTargets = () -> {
                for (int i = 0; i < targets.length; i++) targets[i] = TextureTarget.relativeFine(frame, measured.get(i), recipe, targetModel);
            };
            // the targets read the frame as it is before any face is restored, and at a fixed level a face needs its
            // own only after its synthesis: with a thread to spare they are measured beside the first face's
            CompletableFuture<Void> beside = !options.autoIntensity() && options.intensity() > 0 && !measured.isEmpty()
                    && Parallel.threads(options.threads()) > 1 ? Parallel.async(() -> {
                        measureTargets.run();
                        return null;
                    }) : null;
            if (beside == null) measureTargets.run();
            else besides.add(beside);
            DoubleSupplier[] target = new DoubleSupplier[measured.size()];
            for (int i = 0; i < target.length; i++) {
                int face = i;
                target[i] = () -> {
                    if (beside != null) Parallel.join(beside);
                    return targets[face];
                };
            }
            int[] levels = new int[measured.size()];
            String[] skipped = new String[measured.size()];
            long changedPixels = 0;
            if (options.autoIntensity() || options.intensity() > 0) {
                // read before any face is restored: the eyes are the softness evidence
                double[] frameBlur = new double[measured.size()];
                for (int i = 0; i < measured.size(); i++) {
                    FaceRegion r = measured.get(i).region();
                    frameBlur[i] = FrameSoftness.extraBlur(FrameSoftness.sigma(img.bgr8(), r.face(), r.roi()));
                }
                for (int i = 0; i < measured.size(); i++) {
                    progress.onProgress("synthesis", (double) i / measured.size());
                    FaceLevel done = restoreFace(img, measured.get(i), target[i], frameBlur[i], recipe, userMask, options, i);
                    levels[i] = done.level();
                    skipped[i] = done.skipped();
                    changedPixels += done.pixels();
                }
            }
            if (beside != null) Parallel.join(beside);
            progress.onProgress("synthesis", 1);
            boolean changed = changedPixels > 0;
            Double after = before;
            List<FaceRestore> reports = new ArrayList<>();
            if (changed) {
                img.invalidateBgr8();
                List<MeasuredFace> again = MeasuredFace.measure(delivery == null ? img.bgr8() : delivery.settle(img), faces);
                try {
                    after = PlasticScorer.imageScore(again);
                    for (int i = 0; i < measured.size(); i++) {
                        MeasuredFace m = measured.get(i);
                        // the original mask on the restored pixels: the energy the restore aimed at
                        double skinBefore = before(m, reported[i]);
                        double reached = levels[i] == 0 ? skinBefore : SkinStatistics.measure(again.get(i).region().smallGray(),
                                reported[i] != null ? reported[i] : m.mask()).relativeFine();
                        reports.add(report(m, skinBefore, reached, levels[i], targets[i], skipped[i]));
                    }
                } finally {
                    again.forEach(MeasuredFace::close);
                }
            } else {
                for (int i = 0; i < measured.size(); i++) {
                    MeasuredFace m = measured.get(i);
                    String why = skipped[i] != null ? skipped[i] : m.stats().usable() ? "intensity-0" : "too-small";
                    double skinBefore = before(m, reported[i]);
                    reports.add(report(m, skinBefore, skinBefore, 0, targets[i], why));
                }
            }
            double total = (double) img.width() * img.height();
            return new Outcome(faces.size(), before, after, Math.min(1.0, changedPixels / total), changed, List.copyOf(reports));
        } finally {
            for (CompletableFuture<Void> b : besides) b.handle((v, e) -> null).join(); // it reads the faces released here
            measured.forEach(MeasuredFace::close);
            for (Mat r : reported) if (r != null) r.release();
            if (userMask != null) userMask.release();
        }
    }

    /** The level a face got, the pixels it changed, or why it was left alone. */
    private record FaceLevel(int level, long pixels, String skipped) {
    }

    /**
     * Restores one face at the level asked, or with auto intensity at the level that lands its fine band on the
     * target: blended at the predicted level, measured, and corrected once from the pixels it started from when the
     * measured energy misses the target by more than {@link TextureTarget#AUTO_TOLERANCE}.
     */
    private FaceLevel restoreFace(DecodedImage img, MeasuredFace m, DoubleSupplier targetOf, double frameBlur, TextureRecipe recipe,
                                  Mat userMask, RestoreOptions options, int index) {
        double current = m.stats().relativeFine();
        if (!m.stats().usable()) return new FaceLevel(0, 0, "too-small");
        // auto intensity needs the target first; a fixed level only after the synthesis (before any pixel changes)
        double target = options.autoIntensity() ? targetOf.getAsDouble() : Double.NaN;
        // a palette's dither is no texture: measured once it is smoothed away
        boolean palette = m.region().paletteColours();
        if (options.autoIntensity() && !palette && current * current >= TextureTarget.BAND_LOW * target * target) {
            return new FaceLevel(0, 0, "in-band");
        }
        try (FaceRestorer restorer = FaceRestorer.prepare(m, recipe, options.seed() * 1000 + index, userMask, frameBlur, options.threads())) {
            if (restorer == null) return new FaceLevel(0, 0, "outside-mask");
            // a user's mask chooses where, never how much: what the level is measured on (the smoothed dither, auto's
            // trial blend) is done to the whole face, as without the mask, then undone and done again inside the mask
            boolean masked = restorer.masked();
            // the pixels it started from: auto's trial blend, and a palette's smoothing, are undone from them when the
            // level changes or the face is then skipped (a skipped face keeps every pixel it had)
            Mat start = options.autoIntensity() || palette ? img.pixels().submat(restorer.roi()).clone() : null;
            try {
                if (palette) {
                    restorer.smoothDither(img.pixels(), true);
                    current = measureAgain(img, m);
                }
                double add;
                String skipped = null;
                boolean redo = masked && (options.autoIntensity() || palette);
                if (!options.autoIntensity()) {
                    add = FaceRestorer.addFor(options.intensity(), targetOf.getAsDouble(), current);
                    if (!(add > 0)) skipped = "at-ceiling";
                } else if (current * current >= TextureTarget.BAND_LOW * target * target) {
                    add = 0;
                    skipped = "in-band";
                } else {
                    add = Math.sqrt(target * target - current * current);
                    restorer.apply(img.pixels(), add, true, options.threads());
                    double reached = measureAgain(img, m);
                    double addedEnergy = reached * reached - current * current;
                    double miss = (reached * reached) / (target * target);
                    if (Math.abs(miss - 1) > TextureTarget.AUTO_TOLERANCE && addedEnergy > 0) {
                        add = Math.min(add * Math.sqrt((target * target - current * current) / addedEnergy),
                                FaceRestorer.addFor(100, target, current));
                        redo = true;
                    }
                }
                if (skipped != null) {
                    // until 2026-12-07 a palette face's smoothed dither stayed in a face then reported skipped
                    if (palette) {
                        putBack(img, restorer, start);
                        img.invalidateBgr8();
                    }
                    return new FaceLevel(0, 0, skipped);
                }
                if (redo) {
                    // from the start again: smoothed and blended inside the mask only
                    putBack(img, restorer, start);
                    if (palette) restorer.smoothDither(img.pixels(), false);
                }
                if ((redo || !options.autoIntensity()) && add > 0) restorer.apply(img.pixels(), add, false, options.threads());
                int level = options.autoIntensity() ? FaceRestorer.levelFor(add, target, current) : options.intensity();
                return new FaceLevel(level, restorer.pixels(), null);
            } finally {
                if (start != null) start.release();
            }
        }
    }

    /** Puts a face's region back to the pixels it started from. */
    private static void putBack(DecodedImage img, FaceRestorer restorer, Mat start) {
        Mat dst = img.pixels().submat(restorer.roi());
        start.copyTo(dst);
        dst.release();
    }

    /** The relative fine-band level of a face's skin (its original mask) in the current pixels. */
    private static double measureAgain(DecodedImage img, MeasuredFace m) {
        img.invalidateBgr8();
        return fineNow(img.bgr8(), m);
    }

    private static double fineNow(Mat bgr8, MeasuredFace m) {
        try (FaceRegion r = FaceRegion.of(bgr8, m.region().face())) {
            return SkinStatistics.measure(r.smallGray(), m.mask()).relativeFine();
        }
    }

    /** The fine-band level of a face's skin before the restore: inside the user's mask ({@code inside}), or all of it when null. */
    private static double before(MeasuredFace m, Mat inside) {
        return inside == null ? m.stats().relativeFine() : SkinStatistics.measure(m.region().smallGray(), inside).relativeFine();
    }

    private static FaceRestore report(MeasuredFace m, double before, double after, int level, double target, String skipped) {
        FaceDetection f = m.region().face();
        return new FaceRestore((int) Math.round(f.x()), (int) Math.round(f.y()), (int) Math.round(f.width()),
                (int) Math.round(f.height()), level, target, before, after, skipped);
    }

    private TextureRecipe recipeFor(RestoreOptions o) {
        if (o.profile() != null) return o.profile().recipe();
        if (o.reference() != null) {
            try {
                return profile(o.reference()).recipe();
            } catch (ImageRejectedException e) {
                throw NO_MEASURABLE_FACE.equals(e.getMessage()) ? e : SafeImageDecoder.named("reference ", e);
            }
        }
        return TextureRecipe.DEFAULT;
    }

    /**
     * Full-image 8-bit map, 255 where a restore of this image may change pixels (inside some face's feathered
     * skin mask), 0 elsewhere. For benchmarks and tests.
     */
    public Mat influenceMap(Mat bgr8) {
        Mat map = Mat.zeros(bgr8.size(), CvType.CV_8U);
        List<MeasuredFace> measured = MeasuredFace.measure(bgr8, finder().find(bgr8));
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

    // ------------------------------------------------------------------ source restore

    /** JPEG quality of a source restore's JPEG output: high, so the cleaned image is not re-blocked. */
    static final int SOURCE_JPEG_QUALITY = 95;

    /**
     * Cleans a damaged or small source photo (JPEG blocking, sensor noise) and upscales it 2x, inventing no texture.
     * The result is 8 bits a sample, gray for a gray input, with the input's alpha (as 8 bits) when it has one, upright.
     *
     * @throws ImageRejectedException bad_image, or too_large when the input or the upscaled result exceeds the limits
     */
    public SourceRestoreResult sourceRestore(byte[] encodedImage, SourceRestoreOptions options) {
        ImageInfo info = ImageProbe.probe(encodedImage, limits);
        long outPixels = info.pixels() * options.upscale() * options.upscale();
        if (outPixels > limits.maxPixels()) {
            throw ImageRejectedException.tooLarge("the " + options.upscale() + "x result would have "
                    + Math.round(outPixels / 1e6) + " MP, over the " + limits.maxPixels() / 1_000_000 + " MP limit");
        }
        ImageEncoder.checkFits(options.outputFormat() != null ? options.outputFormat() : info.format(),
                (long) info.width() * options.upscale(), (long) info.height() * options.upscale());
        HeapReservation.Lease heap = options.upscale() == 1 ? () -> { } : options.heap().reserve(
                SourceRestorer.upscaleHeapBytes(info.width(), info.height()), "a 2x source-restore of " + info.width() + "x" + info.height());
        try (heap) {
            return sourceRestore(encodedImage, info, options);
        }
    }

    private SourceRestoreResult sourceRestore(byte[] encodedImage, ImageInfo info, SourceRestoreOptions options) {
        Mat work = null;
        SourceLayout layout = SourceLayout.COLOUR;
        boolean deblocked = false;
        JpegCoefficients file = null;
        if (options.denoise() && info.format() == ImageFormat.JPEG && info.complete()) {
            try {
                JpegCoefficients coefficients = JpegReader.read(encodedImage);
                Mat stored = SourceRestorer.deblock(coefficients, options.threads());
                layout = SourceLayout.ofJpeg(coefficients.componentCount());
                // the upscale's consistency step works on the stored block grid, whole-pixel subsampling
                if (info.orientation() <= 1 && JpegConsistency.supports(coefficients)) file = coefficients;
                work = ExifOrientation.upright(stored, info.orientation());
                if (work != stored) stored.release();
                deblocked = true;
            } catch (JpegUnsupportedException e) {
                work = null; // decoded below like any other image
            }
        }
        if (work == null) {
            try (DecodedImage img = decoder.decode(encodedImage)) {
                work = img.bgr8().clone();
                layout = SourceLayout.of(img);
            }
        }
        try {
            SourceRestorer.Noise noise = SourceRestorer.removeNoise(work, options.denoise());
            if (options.upscale() == 2) {
                Mat up = SourceRestorer.upscale2x(work, file);
                work.release();
                work = up;
            }
            ImageFormat format = options.outputFormat() != null ? options.outputFormat() : info.format();
            Mat laidOut = layout.apply(work, format);
            if (laidOut != work) {
                work.release();
                work = laidOut;
            }
            boolean unchanged = !deblocked && !noise.removed() && options.upscale() == 1 && format == info.format();
            byte[] rewritten = unchanged ? ResultFiles.unchanged(encodedImage) : null;
            byte[] out = rewritten != null ? rewritten : ResultFiles.embed(ImageEncoder.encode(work, format, SOURCE_JPEG_QUALITY, 0),
                    format, CarriedMetadata.of(encodedImage).upright(), work.channels());
            return new SourceRestoreResult(out, format.contentType(), format, work.cols(), work.rows(),
                    work.cols() * (double) work.rows() / 1e6, deblocked, noise.sigma(), noise.removed());
        } finally {
            work.release();
            layout.close();
        }
    }

    // ------------------------------------------------------------------ score

    public ScoreReport score(byte[] encodedImage) {
        try (DecodedImage img = decoder.decode(encodedImage)) {
            return score(img);
        }
    }

    public ScoreReport score(DecodedImage img) {
        List<FaceDetection> faces = finder().find(img.bgr8());
        List<MeasuredFace> measured = MeasuredFace.measure(img.bgr8(), faces);
        try {
            List<FaceScore> out = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            double skin = 0;
            for (MeasuredFace m : measured) {
                FaceDetection f = m.region().face();
                Double score = PlasticScorer.score(m);
                scores.add(score);
                out.add(new FaceScore((int) Math.round(f.x()), (int) Math.round(f.y()), (int) Math.round(f.width()),
                        (int) Math.round(f.height()), f.score(), score, PlasticScorer.unscored(m), m.stats()));
                skin += Core.sumElems(m.mask()).val[0] / (m.region().scale() * m.region().scale());
            }
            double fraction = Math.min(1.0, skin / ((double) img.width() * img.height()));
            return new ScoreReport(img.width(), img.height(), out, PlasticScorer.imageScore(measured, scores), fraction,
                    PlasticScorer.modelVersion());
        } finally {
            measured.forEach(MeasuredFace::close);
        }
    }

    // ------------------------------------------------------------------ profile

    /** Why a reference without a face is refused. */
    public static final String NO_MEASURABLE_FACE = "the reference image shows no face with measurable skin";

    /** Texture statistics of a reference photograph's skin. @throws ImageRejectedException when it has no face */
    public TextureProfile profile(byte[] referenceImage) {
        TextureProfile p = measureProfile(referenceImage);
        if (p.faces() == 0) {
            throw ImageRejectedException.badImage(NO_MEASURABLE_FACE);
        }
        return p;
    }

    /**
     * The reference's statistics as {@link #profile} measures them, {@code faces() == 0} when it shows no face with
     * measurable skin (a caller that answers that case apart, e.g. texture-service's profile endpoint).
     *
     * @throws ImageRejectedException bad_image / too_large for an image the engine refuses
     */
    public TextureProfile measureProfile(byte[] referenceImage) {
        try (DecodedImage img = decoder.decode(referenceImage)) {
            return TextureProfiler.measure(img.bgr8(), finder().find(img.bgr8()));
        }
    }
}
