package io.realskin.texture.engine;

import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegInputs;
import io.realskin.texture.jpeg.JpegReader;
import io.realskin.texture.jpeg.JpegWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coefficient path's receipt proven from the coefficients: its count of changed pixels is the one two whole
 * decodes give, and it refuses (the restore then decodes the output whole) a file that differs outside the boxes or
 * that does not hold the coefficients the count was made from.
 */
class CoefficientReceiptTest {
    static TextureEngine engine;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
    }

    @Test
    void changedPixelsAreWhatTwoWholeDecodesCountInEveryLayout() {
        for (Map.Entry<String, byte[]> e : JpegInputs.portraitVariants().entrySet()) {
            byte[] in = e.getValue();
            RestoreResult r = engine.restore(in, RestoreOptions.defaults().withIntensity(80).withSeed(4).withThreads(2));
            assertEquals(JpegLocality.COEFFICIENT, r.jpeg().path(), e.getKey());
            LocalityReceipt receipt = r.locality();
            assertTrue(receipt.identical() && receipt.sha256After().equals(receipt.sha256Before()), e.getKey() + ": " + receipt);
            assertEquals(differingPixels(in, r.bytes()), receipt.changedPixels(), e.getKey());
        }
    }

    @Test
    void aBlockChangedInsideTheBoxesIsCountedAndOutsideIsRefused() {
        byte[] in = JpegInputs.portraitVariants().get("4:2:0 baseline (ImageIO)");
        List<LocalityReceipt.Box> boxes = List.of(new LocalityReceipt.Box(480, 480, 96, 96));
        // a luma block at (512, 512): inside the box with a 16 px margin around it
        JpegCoefficients inside = changed(in, 64, 64);
        LocalityReceipt proven = prove(in, inside, JpegWriter.write(inside), boxes);
        assertNotNull(proven);
        assertEquals(differingPixels(in, JpegWriter.write(inside)), proven.changedPixels());
        assertTrue(proven.changedPixels() > 0);
        // a block at the image's corner, far from the box
        JpegCoefficients outside = changed(in, 0, 0);
        assertNull(prove(in, outside, JpegWriter.write(outside), boxes));
        // a block inside the box, but only 8 px from its edge: a decoder's chroma upsampling may reach past it
        JpegCoefficients edge = changed(in, 60, 64);
        assertNull(prove(in, edge, JpegWriter.write(edge), boxes));
        // a file that does not hold the coefficients the count was made from
        assertNull(prove(in, inside, JpegWriter.write(changed(in, 65, 64)), boxes));
    }

    private static LocalityReceipt prove(byte[] in, JpegCoefficients written, byte[] out, List<LocalityReceipt.Box> boxes) {
        try (ReceiptInput input = new ReceiptInput(() -> engine.decode(in), JpegReader.read(in), 1)) {
            CoefficientReceipt proof = CoefficientReceipt.start(written, boxes, input, engine::decode, 1);
            return proof.finish(out, input.coefficients(), written, 16, input.image().pixels(), input.hash(boxes));
        }
    }

    /** The file's coefficients with luma block (bx, by)'s first AC coefficient moved by 6. */
    private static JpegCoefficients changed(byte[] jpeg, int bx, int by) {
        JpegCoefficients c = JpegReader.read(jpeg);
        c.component(0).coefficients()[c.component(0).offset(bx, by) + 1] += 6;
        return c;
    }

    private static long differingPixels(byte[] a, byte[] b) {
        byte[] x = JpegInputs.openCvPixels(a), y = JpegInputs.openCvPixels(b);
        int channels = x.length / (int) (Fixtures.decode(a).total());
        long n = 0;
        for (int i = 0; i < x.length; i += channels) {
            for (int k = 0; k < channels; k++) {
                if (x[i + k] != y[i + k]) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }
}
