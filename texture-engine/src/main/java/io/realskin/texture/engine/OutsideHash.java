package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 of a locality receipt: the decoded, upright image's samples row by row from the top, pixels left to
 * right, channels in the order gray, or R G B, or R G B A (OpenCV's BGR(A) swapped), 8-bit samples as one byte, 16-bit
 * samples as two bytes big-endian, no padding or header; every sample of a pixel inside any of the boxes is 0.
 * Fed strip by strip (top to bottom) with buffers of one strip, so hashing a large image allocates little.
 */
final class OutsideHash {
    /** Rows hashed per step (bounds the copy of each step). */
    static final int STRIP_ROWS = 64;

    private final Mat pixels;
    private List<LocalityReceipt.Box> boxes;
    private final MessageDigest digest = ReceiptDigests.sha256();
    private final int channels;
    private final boolean sixteen;
    private final int rowSamples;
    private final Mat rgb = new Mat();
    private final byte[] bytes;
    private final short[] shorts;
    private final ByteBuffer big;

    /** @param pixels the image hashed, or one of its size and layout when the strips come from elsewhere */
    OutsideHash(Mat pixels, List<LocalityReceipt.Box> boxes) {
        this.pixels = pixels;
        this.boxes = boxes;
        this.channels = pixels.channels();
        this.sixteen = sixteenBit(pixels);
        this.rowSamples = pixels.cols() * channels;
        this.bytes = new byte[STRIP_ROWS * rowSamples * (sixteen ? 2 : 1)];
        this.shorts = sixteen ? new short[STRIP_ROWS * rowSamples] : null;
        this.big = sixteen ? ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN) : null;
        layout(pixels); // refuses a channel count it has no layout for
    }

    /** Lower-case hex SHA-256 of {@code pixels} (8 or 16-bit, 1, 3 or 4 channels) with the boxes blanked. */
    static String sha256(Mat pixels, List<LocalityReceipt.Box> boxes) {
        OutsideHash h = new OutsideHash(pixels, boxes);
        for (int y0 = 0; y0 < pixels.rows(); y0 += STRIP_ROWS) h.strip(y0);
        return h.hex();
    }

    /**
     * The boxes blanked in the strips still to come (the strips hashed so far must lie clear of them); returns this.
     */
    OutsideHash blanking(List<LocalityReceipt.Box> boxes) {
        this.boxes = boxes;
        return this;
    }

    /** {@code gray8}, {@code rgb8}, {@code rgba8}, {@code gray16be}, {@code rgb16be} or {@code rgba16be}. */
    static String layout(Mat pixels) {
        String channels = switch (pixels.channels()) {
            case 1 -> "gray";
            case 3 -> "rgb";
            case 4 -> "rgba";
            default -> throw new IllegalArgumentException("unexpected channel count " + pixels.channels());
        };
        return channels + (sixteenBit(pixels) ? "16be" : "8");
    }

    /** Hashes the strip of rows starting at {@code y0} (strips must come in order, each {@link #STRIP_ROWS} high). */
    void strip(int y0) {
        Mat strip = pixels.rowRange(y0, Math.min(pixels.rows(), y0 + STRIP_ROWS));
        strip(y0, strip);
        strip.release();
    }

    /**
     * Hashes {@code strip}, the image's rows from {@code y0} (at most {@link #STRIP_ROWS}; strips must come in order,
     * each {@link #STRIP_ROWS} high but the last), read from elsewhere than the constructor's image (which gave the
     * size and layout).
     */
    void strip(int y0, Mat strip) {
        int rows = strip.rows();
        Mat ordered = strip;
        if (channels == 3) Imgproc.cvtColor(strip, rgb, Imgproc.COLOR_BGR2RGB);
        if (channels == 4) Imgproc.cvtColor(strip, rgb, Imgproc.COLOR_BGRA2RGBA);
        if (channels != 1) ordered = rgb;
        Mat flat = ordered.isContinuous() ? ordered : ordered.clone();
        int samples = rows * rowSamples;
        if (sixteen) {
            flat.get(0, 0, shorts);
            for (LocalityReceipt.Box b : boxes) blank(b, y0, rows, (from, to) -> Arrays.fill(shorts, from, to, (short) 0));
            big.clear();
            big.asShortBuffer().put(shorts, 0, samples);
            digest.update(bytes, 0, samples * 2);
        } else {
            flat.get(0, 0, bytes);
            for (LocalityReceipt.Box b : boxes) blank(b, y0, rows, (from, to) -> Arrays.fill(bytes, from, to, (byte) 0));
            digest.update(bytes, 0, samples);
        }
        if (flat != ordered) flat.release();
    }

    String hex() {
        rgb.release();
        return HexFormat.of().formatHex(digest.digest());
    }

    private interface Span {
        void fill(int from, int to);
    }

    /** The sample ranges of the strip that lie inside the box. */
    private void blank(LocalityReceipt.Box b, int y0, int rows, Span span) {
        for (int y = Math.max(y0, b.y()); y < Math.min(y0 + rows, b.y() + b.height()); y++) {
            int from = (y - y0) * rowSamples + b.x() * channels;
            span.fill(from, from + b.width() * channels);
        }
    }

    private static boolean sixteenBit(Mat m) {
        return CvType.depth(m.type()) == CvType.CV_16U;
    }
}
