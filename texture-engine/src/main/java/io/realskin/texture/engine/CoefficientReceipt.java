package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;
import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegComponent;
import io.realskin.texture.jpeg.JpegCrop;
import io.realskin.texture.jpeg.JpegReader;
import io.realskin.texture.jpeg.JpegWriter;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The JPEG coefficient path's locality receipt from the coefficients, without decoding the output whole
 * (docs/texture-engine.md, "Locality receipt"). Outside the boxes: the output file's coefficients, read back from its
 * bytes, are compared with the input file's block by block, and every block that differs must lie, grown by the
 * chroma upsampling margin, inside the boxes; equal coefficients decode to equal pixels in any decoder, so the
 * output's hash is the input's. Inside the boxes: the changed pixels are counted on a lossless crop of the written
 * coefficients around the boxes ({@link JpegCrop}), decoded by the same libjpeg-turbo decoder as the input, against
 * the input's whole decode; the output file must hold exactly the coefficients the crop was cut from. When any check
 * fails the proof is refused (null) and the caller decodes the output whole, as before.
 */
final class CoefficientReceipt {
    private final List<LocalityReceipt.Box> boxes;
    /** The count running beside, or null when {@link #deferred} makes it in {@link #finish}. */
    private final CompletableFuture<Long> inside;
    private final Supplier<Long> deferred;

    private CoefficientReceipt(List<LocalityReceipt.Box> boxes, CompletableFuture<Long> inside, Supplier<Long> deferred) {
        this.boxes = boxes;
        this.inside = inside;
        this.deferred = deferred;
    }

    /**
     * Starts counting the pixels that change inside the boxes (beside the caller when the job has a thread to spare:
     * the coefficients are final, the entropy coding of the whole file runs meanwhile).
     *
     * @param written the coefficients as they are written (after the re-quantisation)
     * @param input   the input decoded whole by libjpeg-turbo (joined by the count)
     */
    static CoefficientReceipt start(JpegCoefficients written, List<LocalityReceipt.Box> boxes, ReceiptInput input,
                                    Function<byte[], DecodedImage> decode, int threads) {
        if (boxes.isEmpty()) return new CoefficientReceipt(boxes, CompletableFuture.completedFuture(0L), null);
        Supplier<Long> count = () -> changedInside(written, boxes, input.image().pixels(), decode);
        // with one thread the count runs when the receipt is made, after the coding
        if (Parallel.threads(threads) > 1) return new CoefficientReceipt(boxes, Parallel.async(count), null);
        return new CoefficientReceipt(boxes, null, count);
    }

    /**
     * The receipt, or null when the output file does not prove itself identical outside the boxes from its
     * coefficients (the caller then decodes it whole).
     *
     * @param out      the output file
     * @param original the input file's coefficients, read from its bytes (not the ones the restore edited)
     * @param written  the coefficients the writer was given
     */
    LocalityReceipt finish(byte[] out, JpegCoefficients original, JpegCoefficients written, int margin, Mat inputPixels,
                           String sha256Before) {
        long changed = inside == null ? deferred.get() : Parallel.join(inside); // first: it reads the written coefficients
        JpegCoefficients file;
        try {
            file = JpegReader.readWithoutSegments(out); // compared, not written: its metadata is not copied again
        } catch (RuntimeException e) {
            return null;
        }
        if (!sameFrame(file, written) || !sameFrame(file, original)) return null;
        for (int i = 0; i < file.componentCount(); i++) {
            // the file holds exactly what was written: the crop counted above is the file's
            if (!Arrays.equals(file.component(i).coefficients(), written.component(i).coefficients())) return null;
            if (!differencesInside(file, original, i, margin)) return null;
        }
        String layout = OutsideHash.layout(inputPixels);
        return new LocalityReceipt(changed, boxes, layout, sha256Before, layout, sha256Before, true);
    }

    private static boolean sameFrame(JpegCoefficients a, JpegCoefficients b) {
        if (a.width() != b.width() || a.height() != b.height() || a.componentCount() != b.componentCount()
                || a.hmax() != b.hmax() || a.vmax() != b.vmax()) return false;
        for (int i = 0; i < a.componentCount(); i++) {
            JpegComponent x = a.component(i), y = b.component(i);
            if (x.id() != y.id() || x.h() != y.h() || x.v() != y.v() || x.blocksWide() != y.blocksWide()
                    || x.blocksHigh() != y.blocksHigh() || !Arrays.equals(a.quantTable(x.quantTable()), b.quantTable(y.quantTable()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every block of component {@code ci} whose coefficients differ between the two lies inside the boxes
     * once its pixel footprint is grown by {@code margin} (the reach of any decoder's chroma upsampling) and clipped
     * to the image.
     */
    private boolean differencesInside(JpegCoefficients a, JpegCoefficients b, int ci, int margin) {
        JpegComponent ca = a.component(ci), cb = b.component(ci);
        short[] x = ca.coefficients(), y = cb.coefficients();
        int fw = 8 * (a.hmax() / ca.h()), fh = 8 * (a.vmax() / ca.v()); // a block's footprint in pixels
        for (int by = 0; by < ca.blocksHigh(); by++) {
            int rowStart = ca.offset(0, by), rowEnd = rowStart + ca.blocksWide() * 64;
            int from = rowStart;
            while (from < rowEnd) {
                int m = Arrays.mismatch(x, from, rowEnd, y, from, rowEnd);
                if (m < 0) break;
                int bx = (from - rowStart + m) / 64;
                int x0 = Math.max(0, bx * fw - margin), y0 = Math.max(0, by * fh - margin);
                int x1 = Math.min(a.width(), (bx + 1) * fw + margin), y1 = Math.min(a.height(), (by + 1) * fh + margin);
                if (x1 > x0 && y1 > y0 && !covered(x0, y0, x1, y1)) return false;
                from = rowStart + (bx + 1) * 64;
            }
        }
        return true;
    }

    /** Whether the boxes together cover the rectangle [x0, x1) x [y0, y1). */
    private boolean covered(int x0, int y0, int x1, int y1) {
        for (LocalityReceipt.Box b : boxes) {
            if (b.x() <= x0 && b.y() <= y0 && b.x() + b.width() >= x1 && b.y() + b.height() >= y1) return true;
        }
        // split by the boxes' edges: every cell of the grid must lie in some box
        int[] xs = edges(x0, x1, true), ys = edges(y0, y1, false);
        for (int j = 0; j + 1 < ys.length; j++) {
            for (int i = 0; i + 1 < xs.length; i++) {
                int cx = xs[i], cy = ys[j];
                if (boxes.stream().noneMatch(b -> b.contains(cx, cy))) return false;
            }
        }
        return true;
    }

    private int[] edges(int from, int to, boolean horizontal) {
        int[] e = new int[2 + 2 * boxes.size()];
        int n = 0;
        e[n++] = from;
        e[n++] = to;
        for (LocalityReceipt.Box b : boxes) {
            int lo = horizontal ? b.x() : b.y(), hi = lo + (horizontal ? b.width() : b.height());
            if (lo > from && lo < to) e[n++] = lo;
            if (hi > from && hi < to) e[n++] = hi;
        }
        int[] sorted = Arrays.copyOf(e, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * Pixels inside the boxes that differ between the input (decoded whole) and the written coefficients decoded by
     * the same decoder: a lossless crop of the MCUs around the boxes' union, one MCU wider on every side so that the
     * chroma upsampling inside the boxes has its real neighbours.
     */
    private static long changedInside(JpegCoefficients written, List<LocalityReceipt.Box> boxes, Mat input,
                                      Function<byte[], DecodedImage> decode) {
        int bx0 = Integer.MAX_VALUE, by0 = Integer.MAX_VALUE, bx1 = 0, by1 = 0;
        for (LocalityReceipt.Box b : boxes) {
            bx0 = Math.min(bx0, b.x());
            by0 = Math.min(by0, b.y());
            bx1 = Math.max(bx1, b.x() + b.width());
            by1 = Math.max(by1, b.y() + b.height());
        }
        int mw = written.mcuWidth(), mh = written.mcuHeight();
        int mx0 = Math.max(0, bx0 / mw - 1), my0 = Math.max(0, by0 / mh - 1);
        int mx1 = Math.min(written.mcusWide(), (bx1 + mw - 1) / mw + 1), my1 = Math.min(written.mcusHigh(), (by1 + mh - 1) / mh + 1);
        byte[] crop = JpegWriter.write(JpegCrop.of(written, mx0, my0, mx1, my1), 1);
        try (DecodedImage d = decode.apply(crop)) {
            Rect union = new Rect(bx0, by0, bx1 - bx0, by1 - by0);
            Mat after = d.pixels().submat(new Rect(bx0 - mx0 * mw, by0 - my0 * mh, union.width, union.height));
            Mat before = input.submat(union);
            Mat changed = LocalityReceipts.changedMask(before, after);
            Mat inBoxes = Mat.zeros(union.height, union.width, CvType.CV_8U);
            try {
                for (LocalityReceipt.Box b : boxes) {
                    Mat r = inBoxes.submat(new Rect(b.x() - bx0, b.y() - by0, b.width(), b.height()));
                    r.setTo(Scalar.all(255));
                    r.release();
                }
                Core.bitwise_and(changed, inBoxes, changed);
                return Core.countNonZero(changed);
            } finally {
                after.release();
                before.release();
                changed.release();
                inBoxes.release();
            }
        }
    }
}
