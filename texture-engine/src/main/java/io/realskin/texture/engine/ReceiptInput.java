package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The input's side of the JPEG coefficient path's locality receipt: the input decoded whole (by libjpeg-turbo, as a
 * client's decoder sees it) and hashed with the boxes blanked. Neither waits for the restore's pixels, only the hash
 * for its boxes, so when the job has a thread to spare the decode runs beside the restore from the moment it is
 * {@linkplain #start started} (after the detection), and the hash from the moment the boxes are known (beside the
 * re-quantisation, the entropy coding and the output's decode); with one thread both run when asked for. The result
 * is the same either way.
 */
final class ReceiptInput implements AutoCloseable {
    private final Supplier<DecodedImage> decode;
    private final boolean beside;
    private CompletableFuture<DecodedImage> decoded;
    private CompletableFuture<String> hash;
    private List<LocalityReceipt.Box> hashedBoxes;

    ReceiptInput(Supplier<DecodedImage> decode, int threads) {
        this.decode = decode;
        this.beside = Parallel.threads(threads) > 1;
    }

    /** Starts the decode beside the caller when the job has a thread to spare. */
    void start() {
        if (beside && decoded == null) decoded = Parallel.async(decode);
    }

    /** The boxes are known: starts hashing the input with them blanked, beside the caller when it can. */
    void hashWith(List<LocalityReceipt.Box> boxes) {
        if (!beside || hash != null) return;
        start();
        hashedBoxes = boxes;
        CompletableFuture<DecodedImage> image = decoded;
        hash = Parallel.async(() -> LocalityReceipts.hash(PixelRows.of(Parallel.join(image).pixels()), boxes));
    }

    /** The decoded input (waits for the decode). */
    DecodedImage image() {
        if (decoded == null) decoded = CompletableFuture.completedFuture(decode.get());
        return Parallel.join(decoded);
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
