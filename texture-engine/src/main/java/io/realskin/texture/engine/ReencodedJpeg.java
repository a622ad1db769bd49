package io.realskin.texture.engine;

import io.realskin.imaging.CarriedMetadata;
import io.realskin.imaging.ImageFormat;
import org.opencv.core.Mat;

/**
 * The pixel path's JPEG output ({@link Delivery}): encoded once, when the faces are restored, and decoded once, both
 * for the scores after and for the locality receipt, which would otherwise decode the same bytes again.
 */
final class ReencodedJpeg implements Delivery, AutoCloseable {
    private final TextureEngine engine;
    private final int threads;
    private final CarriedMetadata metadata;
    private byte[] bytes;
    private DecodedImage decoded;

    ReencodedJpeg(TextureEngine engine, int threads, CarriedMetadata metadata) {
        this.engine = engine;
        this.threads = threads;
        this.metadata = metadata;
    }

    @Override
    public Mat settle(DecodedImage img) {
        bytes = engine.encode(img, ImageFormat.JPEG, threads, metadata);
        decoded = engine.decode(bytes);
        return decoded.bgr8();
    }

    /** The encoded file, or null when nothing changed and {@link #settle} was not called. */
    byte[] bytes() {
        return bytes;
    }

    /** {@code b} decoded: the decode {@link #settle} made when {@code b} is its file (handed over once), else a new one. */
    DecodedImage decode(byte[] b) {
        if (b == bytes && decoded != null) {
            DecodedImage d = decoded;
            decoded = null;
            return d;
        }
        return engine.decode(b);
    }

    @Override
    public void close() {
        if (decoded != null) decoded.close();
    }
}
