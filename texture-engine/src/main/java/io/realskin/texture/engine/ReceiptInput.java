package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;
import io.realskin.texture.jpeg.JpegCoefficients;
import org.opencv.core.Mat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The input's side of the JPEG coefficient path's locality receipt: the input decoded whole (by libjpeg-turbo, as a
 * client's decoder sees it) and hashed with the boxes blanked. Neither waits for the restore's pixels, only the hash
 * for its boxes, so when the job has a thread to spare the decode runs beside the restore from the moment it is
 * {@linkplain #start started} (after the detection), then the hash of the rows above the faces' work area, which no box
 * can reach, and the rest of the hash from the moment the boxes are known (beside the re-quantisation and the entropy
 * coding); with one thread all of it runs when asked for. The result is the same either way. It also holds the
 * input's coefficients as its bytes code them (a copy made before the restore edits the ones it read in place): the
 * receipt compares the output's with them ({@link CoefficientReceipt}).
 */
final class ReceiptInput implements AutoCloseable {
    private final Supplier<DecodedImage> decode;
    private final JpegCoefficients original;
    private final boolean beside;
    private CompletableFuture<DecodedImage> decoded;
    /** The hash fed with the rows above the work area, no box blanked (none reaches them). */
    private CompletableFuture<OutsideHash> top;
    private int topRows;
    private CompletableFuture<String> hash;
    private List<LocalityReceipt.Box> hashedBoxes;

    ReceiptInput(Supplier<DecodedImage> decode, JpegCoefficients original, int threads) {
        this.decode = decode;
        this.original = original;
        this.beside = Parallel.threads(threads) > 1;
    }

    /**
     * Starts the decode beside the caller when the job has a thread to spare, and after it the hash of the rows
     * above {@code boxFreeRows} (whole strips), which no box may reach.
     */
    void start(int boxFreeRows) {
        if (!beside || decoded != null) return;
        topRows = Math.max(0, boxFreeRows) / OutsideHash.STRIP_ROWS * OutsideHash.STRIP_ROWS;
        decoded = Parallel.async(decode);
        // on the decode's thread, after it
        top = decoded.thenApply(d -> LocalityReceipts.hashRows(new OutsideHash(d.pixels(), List.of()),
                PixelRows.of(d.pixels()), 0, Math.min(topRows, d.pixels().rows())));
    }

    /** The boxes are known: hashes the rest of the input with them blanked, beside the caller when it can. */
    void hashWith(List<LocalityReceipt.Box> boxes) {
        if (!beside || hash != null) return;
        start(0);
        hashedBoxes = boxes;
        boolean below = boxes.stream().allMatch(b -> b.y() >= topRows);
        CompletableFuture<DecodedImage> image = decoded;
        CompletableFuture<OutsideHash> begun = top;
        hash = Parallel.async(() -> {
            Mat pixels = Parallel.join(image).pixels();
            if (!below) return LocalityReceipts.hash(PixelRows.of(pixels), boxes); // not expected: then from the top
            return LocalityReceipts.hashRows(Parallel.join(begun).blanking(boxes), PixelRows.of(pixels), topRows,
                    pixels.rows()).hex();
        });
    }

    /** The decoded input (waits for the decode). */
    DecodedImage image() {
        if (decoded == null) decoded = CompletableFuture.completedFuture(decode.get());
        return Parallel.join(decoded);
    }

    /** The input's coefficients as its bytes code them. */
    JpegCoefficients coefficients() {
        return original;
    }

    /** The input's hash with {@code boxes} blanked: the one started for them, else computed now. */
    String hash(List<LocalityReceipt.Box> boxes) {
        if (hash != null && boxes.equals(hashedBoxes)) return Parallel.join(hash);
        return LocalityReceipts.hash(PixelRows.of(image().pixels()), boxes);
    }

    /** Releases the decoded input once nothing reads it (a decode still running releases it when it ends). */
    @Override
    public void close() {
        if (hash != null) hash.handle((h, e) -> null).join();
        if (decoded != null) decoded.whenComplete((d, e) -> {
            if (d != null) d.close();
        });
    }
}
