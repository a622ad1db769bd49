package io.realskin.generation.imaging;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.PngData;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Images from outside (a provider's answer, a stored reference) checked before use: format and size from the header
 * first (at most 50 MP and 30 MiB, nothing decoded before that), the data complete (a JPEG's scans walked to their
 * end, so one cut short but closed with an EOI marker is truncated), then, for an output, proof that all of its data
 * decodes. For a JPEG whose whole structure libjpeg accepts the walk is that proof ({@link ImageInfo#verified()}:
 * every entropy-coded byte was Huffman-decoded with the file's own tables, nothing is left for a decoder to refuse);
 * for a PNG, {@link PngData}: every rule with which libpng stops a decode checked, the image data inflated through a
 * 32 KB buffer to exactly the rows the header announces (no pixel unfiltered, nothing of the image's size
 * allocated). Any other image is decoded: a PNG that breaks only a rule libpng does not enforce, in full; a JPEG at
 * 1/8 scale in gray (the inverse DCT of one coefficient per block, nothing larger than a sixty-fourth of the image
 * allocated); a WebP in full. The work takes turns ({@link DecodeSlots}).
 */
public final class ImageChecks {
    private static final int JPEG_PROOF = Imgcodecs.IMREAD_REDUCED_GRAYSCALE_8 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;

    private final ImageLimits limits;
    private final DecodeSlots slots;

    public ImageChecks(ImageLimits limits) {
        this(limits, DecodeSlots.PROCESS);
    }

    public ImageChecks(ImageLimits limits, DecodeSlots slots) {
        this.limits = limits;
        this.slots = slots;
        OpenCv.load();
    }

    /** Header and limits only (an input the gateway already checked on upload, or bytes decoded next anyway). */
    public CheckedImage header(byte[] bytes) {
        return upright(probed(bytes));
    }

    /** As {@link #header}, with all the header says (orientation, depth, channels). */
    public ImageInfo headerInfo(byte[] bytes) {
        return probed(bytes);
    }

    private ImageInfo probed(byte[] bytes) {
        if (bytes == null) {
            throw ImageRejectedException.badImage("no image bytes");
        }
        // the limits as soon as the header gives the size: a JPEG's scans are walked over the frame it announces
        ImageInfo info = ImageProbe.probe(bytes, limits);
        limits.check(bytes.length, info);
        if (!info.complete()) {
            throw ImageRejectedException.badImage(info.format() + " data is truncated");
        }
        return info;
    }

    private static CheckedImage upright(ImageInfo info) {
        return info.transposed() ? new CheckedImage(info.format(), info.height(), info.width())
                : new CheckedImage(info.format(), info.width(), info.height());
    }

    /** Header, limits and proof that all the data decodes. */
    public CheckedImage decodable(byte[] bytes) {
        return decodable(bytes, System.nanoTime());
    }

    /**
     * Header, limits and proof that all the data decodes, in turn after the images of answers that arrived before
     * {@code since} ({@link System#nanoTime()} its answer arrived; {@link DecodeSlots}).
     */
    public CheckedImage decodable(byte[] bytes, long since) {
        return slots.run(since, () -> {
            ImageInfo info = probed(bytes); // a JPEG's scans are walked here: CPU work that takes its turn too
            CheckedImage checked = upright(info);
            if (info.verified() || info.format() == ImageFormat.PNG && PngData.verify(bytes).proven()) {
                return checked;
            }
            int flags = checked.format() == ImageFormat.JPEG ? JPEG_PROOF : Imgcodecs.IMREAD_UNCHANGED;
            MatOfByte buffer = new MatOfByte(ImageProbe.decoderInput(bytes, info));
            Mat decoded = null;
            try {
                decoded = Imgcodecs.imdecode(buffer, flags);
                if (decoded == null || decoded.empty()) {
                    throw ImageRejectedException.badImage("the " + checked.format() + " image data does not decode");
                }
                return checked;
            } finally {
                buffer.release();
                if (decoded != null) {
                    decoded.release();
                }
            }
        });
    }
}
