package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ResultFiles;
import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegPixels;
import io.realskin.texture.jpeg.JpegReader;
import io.realskin.texture.jpeg.JpegUnsupportedException;
import io.realskin.texture.jpeg.JpegWriter;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/**
 * JPEG in, JPEG out without a full decode: entropy-decode the coefficients, find faces on a reduced preview made
 * from the low frequencies, inverse-DCT only the MCUs around each face, run the engine there, put the change
 * back into the changed blocks (forward DCT, the input's own quantisation tables), entropy-code the rest
 * unchanged. Refuses (returns null, with the reason) what it cannot serve, and the engine decodes pixels instead.
 */
final class JpegCoefficientRestore {
    /** Coefficient memory above which the pixel path is used (a 50 MP 4:2:0 image needs about 150 MB). */
    static final long MAX_COEFFICIENT_BYTES = 256L << 20;

    /** The coefficient path's result, or the reason it could not serve. */
    record Attempt(RestoreResult result, String reason) {
    }

    /** How much finer than a face's analysis scale the frame its texture target reads must be. */
    static final double EVIDENCE_OVERSAMPLING = 1.5;

    private final TextureEngine engine;
    private final ImageLimits limits;

    JpegCoefficientRestore(TextureEngine engine, ImageLimits limits) {
        this.engine = engine;
        this.limits = limits;
    }

    static boolean isJpeg(byte[] b) {
        return b != null && b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    /** @throws ImageRejectedException too_large / bad_image as the pixel path would */
    Attempt restore(byte[] jpeg, RestoreOptions options) {
        ImageInfo info = SafeImageDecoder.admit(jpeg, limits, "");
        if (info.orientation() > 1) return new Attempt(null, "exif-orientation");
        long estimate = (long) info.width() * info.height() * 3 * 2;
        if (estimate > MAX_COEFFICIENT_BYTES) return new Attempt(null, "too-large");
        JpegCoefficients coefficients;
        try {
            coefficients = JpegReader.read(jpeg);
        } catch (JpegUnsupportedException e) {
            return new Attempt(null, e.reason());
        }
        return new Attempt(restore(jpeg, info, coefficients, options), null);
    }

    private RestoreResult restore(byte[] jpeg, ImageInfo admitted, JpegCoefficients c, RestoreOptions options) {
        // the receipt's decode of the input: the bytes admitted above, not walked again
        try (ReceiptInput input = new ReceiptInput(() -> engine.decodeAdmitted(jpeg, admitted), c.copy(), options.threads())) {
            return restore(jpeg, c, options, input);
        }
    }

    private RestoreResult restore(byte[] jpeg, JpegCoefficients c, RestoreOptions options, ReceiptInput input) {
        ProgressListener progress = options.progress();
        progress.onProgress("detection", 0);
        int scale = JpegPixels.previewScale(c, FaceFinder.DETECTION_SIDE);
        Mat preview = JpegPixels.decode(c, scale, options.threads());
        progress.onProgress("detection", 0.25); // fractions within stages: the speed benchmark times the steps by them
        List<FaceDetection> faces;
        Mat pixels;
        FrameEvidence.Frame evidence = null;
        try {
            faces = findFaces(preview, scale, c.width(), c.height());
            progress.onProgress("detection", 0.5);
            if (scale == 1) {
                pixels = preview;
                preview = null;
            } else {
                // not zeroed: the engine reads and writes only inside the faces' regions, which are decoded here; the
                // rest is never touched, so it costs neither time nor memory
                pixels = new Mat(c.height(), c.width(), c.componentCount() == 1 ? CvType.CV_8UC1 : CvType.CV_8UC3);
                for (FaceDetection f : faces) {
                    JpegPixels.decodeInto(c, FaceRegion.regionFor(f, c.width(), c.height()), pixels, options.threads());
                }
                evidence = evidenceFrame(c, faces, preview, scale, pixels, options.threads());
            }
        } finally {
            if (preview != null && (evidence == null || evidence.bgr8() != preview)) preview.release();
        }
        // the faces' regions aligned outwards to MCUs: the engine changes pixels only there
        Rect area = mcuAligned(c, faces);
        ImageInfo info = new ImageInfo(ImageFormat.JPEG, c.width(), c.height(), 1, true);
        try (DecodedImage img = new DecodedImage(info, pixels, JpegQualityEstimator.DEFAULT_QUALITY)) {
            Mat before = area == null ? null : pixels.submat(area).clone();
            try {
                // the receipt's whole decode of the input waits for nothing the restore does: it runs beside the engine,
                // which leaves most of a second core idle (the IDCTs before it use every thread the job has)
                // rows above the work area, grown as the boxes may grow (to the MCU grid, by the upsampling margin), are
                // outside every box: their hash needs no boxes
                input.start(area == null ? 0 : area.y - 2 * Math.max(c.mcuWidth(), c.mcuHeight()));
                int margin = subsampled(c) ? Math.max(c.mcuWidth(), c.mcuHeight()) : 0;
                // the engine's change goes into the coefficients before the faces are scored again, on what the file holds
                RequantizedRegions requantized = area == null ? null : new RequantizedRegions(c, faces, area, before, margin, options);
                TextureEngine.Outcome o;
                try {
                    o = engine.restoreFaces(img, faces, options, evidence, requantized);
                } finally {
                    if (evidence != null) evidence.bgr8().release();
                }
                // the engine changed pixels: the delivery put them into the coefficients (and said "encode" began)
                boolean settled = requantized != null && o.changed();
                if (!settled) progress.onProgress("encode", 0);
                long recomputed = settled ? requantized.recomputed() : 0;
                // the receipt's boxes are known now, and whether any block changed (no block: the input's bytes come
                // back and the receipt has no box): the input's hash starts beside the encoding with the receipt's boxes
                List<LocalityReceipt.Box> boxes = recomputed > 0 ? requantized.boxes() : List.of();
                input.hashWith(boxes);
                progress.onProgress("encode", 0.5);
                CoefficientReceipt proof = null;
                byte[] out;
                if (recomputed > 0) {
                    // the coefficients are final: the changed pixels inside the boxes are counted beside the coding
                    proof = CoefficientReceipt.start(c, boxes, input, engine::decode, options.threads());
                    out = JpegWriter.write(c, options.threads());
                } else {
                    // nothing changed: the input's coding as sent, with the metadata a result carries; where its
                    // structure cannot be copied, the same coefficients written again by the same rule
                    byte[] unchanged = ResultFiles.unchanged(jpeg);
                    out = unchanged != null ? unchanged : JpegWriter.write(c, options.threads());
                }
                progress.onProgress("encode", 1);
                before = release(before); // the receipt's steps need it no more
                LocalityReceipt receipt = proof == null ? null : proven(proof, out, input, c, boxes, margin, options);
                if (receipt == null) receipt = receipt(out == jpeg ? null : out, input, boxes, options);
                JpegLocality locality = JpegLocality.coefficient(margin, recomputed, c.blockCount() - recomputed);
                return new RestoreResult(out, ImageFormat.JPEG.contentType(), ImageFormat.JPEG, c.width(), c.height(),
                        o.before(), o.after(), o.maskedFraction(), c.width() * (double) c.height() / 1e6, o.faces(), locality,
                        o.faceRestores(), receipt);
            } finally {
                release(before); // also when a canceled job's progress stops the run
            }
        }
    }

    private static Mat release(Mat m) {
        if (m != null) m.release();
        return null;
    }

    /**
     * The receipt proven from the coefficients ({@link CoefficientReceipt}): the output's hash is the input's, the
     * output is not decoded whole. Null when the proof fails.
     */
    private static LocalityReceipt proven(CoefficientReceipt proof, byte[] out, ReceiptInput input, JpegCoefficients c,
                                          List<LocalityReceipt.Box> boxes, int margin, RestoreOptions options) {
        options.progress().onProgress("locality", 0);
        LocalityReceipt receipt = proof.finish(out, input.coefficients(), c, margin, input.image().pixels(), input.hash(boxes));
        if (receipt != null) options.progress().onProgress("locality", 1);
        return receipt;
    }

    /**
     * Pixels compared and hashed on the input and the output as a decoder sees them (both decoded whole by
     * libjpeg-turbo: the path itself never decodes the whole image); {@code out} null when the input's bytes came back.
     */
    private LocalityReceipt receipt(byte[] out, ReceiptInput input, List<LocalityReceipt.Box> boxes, RestoreOptions options) {
        options.progress().onProgress("locality", 0);
        PixelRows in = PixelRows.of(input.image().pixels());
        LocalityReceipts.Compared after;
        if (out == null) {
            after = LocalityReceipts.compared(in, in, boxes);
        } else {
            try (DecodedImage written = engine.decode(out)) {
                after = LocalityReceipts.compared(in, PixelRows.of(written.pixels()), boxes);
            }
        }
        LocalityReceipt receipt = after.receipt(input.hash(boxes), boxes);
        options.progress().onProgress("locality", 1);
        return receipt;
    }

    /**
     * The frame the texture target reads its evidence from ({@link FrameEvidence#reach} around each face), decoded at
     * the coarsest DCT scale that still holds {@value #EVIDENCE_OVERSAMPLING}x the faces' analysis resolution: the
     * preview itself when it is fine enough, else the rings at 1/2, 1/4 or 1/8 (the IDCT of a reduced block is
     * cheaper); for small faces at full size, into {@code pixels}, and then null: the engine reads {@code pixels}.
     */
    private static FrameEvidence.Frame evidenceFrame(JpegCoefficients c, List<FaceDetection> faces, Mat preview,
                                                     int previewScale, Mat pixels, int threads) {
        if (faces.isEmpty()) return null;
        double finest = 0;
        for (FaceDetection f : faces) finest = Math.max(finest, Math.min(1.0, FaceRegion.ANALYSIS_FACE_WIDTH / f.scaleWidth()));
        int k = 8;
        while (k > 1 && 1.0 / k < EVIDENCE_OVERSAMPLING * finest) k /= 2;
        if (k == 1) {
            for (FaceDetection f : faces) JpegPixels.decodeInto(c, FrameEvidence.reach(f, c.width(), c.height()), pixels, threads);
            return null;
        }
        Mat frame;
        if (k >= previewScale) {
            frame = preview;
            k = previewScale;
        } else {
            frame = new Mat((c.height() + k - 1) / k, (c.width() + k - 1) / k,
                    c.componentCount() == 1 ? CvType.CV_8UC1 : CvType.CV_8UC3);
            for (FaceDetection f : faces) JpegPixels.decodeInto(c, FrameEvidence.reach(f, c.width(), c.height()), frame, k, threads);
        }
        if (frame.channels() == 1) {
            Mat bgr = new Mat();
            Imgproc.cvtColor(frame, bgr, Imgproc.COLOR_GRAY2BGR);
            if (frame != preview) frame.release();
            frame = bgr;
        }
        return new FrameEvidence.Frame(frame, 1.0 / k, c.width(), c.height());
    }

    private List<FaceDetection> findFaces(Mat preview, int scale, int width, int height) {
        Mat bgr = preview;
        if (preview.channels() == 1) {
            bgr = new Mat();
            Imgproc.cvtColor(preview, bgr, Imgproc.COLOR_GRAY2BGR);
        }
        try {
            List<FaceDetection> found = engine.findFaces(bgr);
            if (scale == 1) return found;
            List<FaceDetection> out = new ArrayList<>();
            for (FaceDetection f : found) out.add(f.scaled(scale, scale).clippedTo(width, height));
            return out;
        } finally {
            if (bgr != preview) bgr.release();
        }
    }

    /** Bounding box of the faces' regions, grown to MCU boundaries (clipped to the image); null without faces. */
    private static Rect mcuAligned(JpegCoefficients c, List<FaceDetection> faces) {
        if (faces.isEmpty()) return null;
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = 0, y1 = 0;
        for (FaceDetection f : faces) {
            Rect r = FaceRegion.regionFor(f, c.width(), c.height());
            x0 = Math.min(x0, r.x);
            y0 = Math.min(y0, r.y);
            x1 = Math.max(x1, r.x + r.width);
            y1 = Math.max(y1, r.y + r.height);
        }
        int mw = c.mcuWidth(), mh = c.mcuHeight();
        x0 = x0 / mw * mw;
        y0 = y0 / mh * mh;
        x1 = Math.min(c.width(), (x1 + mw - 1) / mw * mw);
        y1 = Math.min(c.height(), (y1 + mh - 1) / mh * mh);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    private static boolean subsampled(JpegCoefficients c) {
        return c.hmax() > 1 || c.vmax() > 1;
    }
}
