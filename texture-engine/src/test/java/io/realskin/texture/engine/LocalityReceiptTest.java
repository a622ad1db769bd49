package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The locality receipt checked against an independent computation (javax.imageio decoding, java.security hashing). */
class LocalityReceiptTest {
    static TextureEngine engine;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
    }

    @Test
    void localModeHashesMatchAnIndependentComputationWithTheClientsMask() throws Exception {
        byte[] png = Fixtures.realPng();
        Mat in = Fixtures.decode(png);
        Mat mask = new Mat(in.size(), CvType.CV_8U, new Scalar(0));
        mask.submat(0, in.rows(), 0, in.cols() / 2).setTo(new Scalar(255));
        byte[] maskPng = Fixtures.encode(mask, ".png");
        RestoreResult r = engine.restore(png, RestoreOptions.defaults().withIntensity(60).withMask(maskPng));
        LocalityReceipt receipt = r.receipt();
        assertEquals(LocalityReceipt.USER_MASK, receipt.mask());

        BufferedImage before = ImageIO.read(new ByteArrayInputStream(png));
        BufferedImage after = ImageIO.read(new ByteArrayInputStream(r.bytes()));
        BufferedImage client = ImageIO.read(new ByteArrayInputStream(maskPng));
        assertEquals(sha256Outside(before, client), receipt.outsideSha256Before());
        assertEquals(sha256Outside(after, client), receipt.outsideSha256After());
        assertEquals(receipt.outsideSha256Before(), receipt.outsideSha256After());
        assertEquals(in.cols() / 2 * (long) in.rows(), receipt.maskPixels());

        // pixels changed and their box, counted from the decoded files
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        long changed = 0;
        for (int y = 0; y < before.getHeight(); y++) {
            for (int x = 0; x < before.getWidth(); x++) {
                if (before.getRGB(x, y) != after.getRGB(x, y)) {
                    changed++;
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        assertTrue(changed > 1000, "the restore changed the skin");
        assertEquals(changed, receipt.pixelsChanged());
        assertEquals(new LocalityReceipt.Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1), receipt.changedBox());
        assertTrue(x1 < in.cols() / 2, "every change is inside the client's mask");
    }

    @Test
    void skinModeAndNothingChangedReceipts() throws Exception {
        byte[] png = Fixtures.realPng();
        RestoreResult r = engine.restore(png, RestoreOptions.defaults().withIntensity(80));
        assertEquals(LocalityReceipt.SKIN_MASK, r.receipt().mask());
        assertTrue(r.receipt().outsideUnchanged());
        assertTrue(r.receipt().pixelsChanged() > 0 && r.receipt().pixelsChanged() <= r.receipt().maskPixels());
        // the skin mask is the engine's influence map: hash the decoded files outside it
        Mat influence = engine.influenceMap(Fixtures.decode(png));
        BufferedImage maskImage = ImageIO.read(new ByteArrayInputStream(Fixtures.encode(influence, ".png")));
        assertEquals(sha256Outside(ImageIO.read(new ByteArrayInputStream(png)), maskImage), r.receipt().outsideSha256Before());
        assertEquals(sha256Outside(ImageIO.read(new ByteArrayInputStream(r.bytes())), maskImage), r.receipt().outsideSha256After());

        RestoreResult none = engine.restore(png, RestoreOptions.defaults().withIntensity(0));
        assertEquals(0, none.receipt().pixelsChanged());
        assertNull(none.receipt().changedBox());
        assertEquals(sha256Outside(ImageIO.read(new ByteArrayInputStream(png)), null), none.receipt().outsideSha256Before());

        byte[] land = Fixtures.encode(Fixtures.landscape(320, 240), ".png");
        RestoreResult noFace = engine.restore(land, RestoreOptions.defaults().withOutputFormat(ImageFormat.PNG));
        assertNotNull(noFace.receipt());
        assertEquals(0, noFace.receipt().maskPixels());
        assertEquals(sha256Outside(ImageIO.read(new ByteArrayInputStream(land)), null), noFace.receipt().outsideSha256After());
    }

    /** SHA-256 of R, G, B bytes row by row, zero where the mask (gray) is above 0; the receipt's definition. */
    static String sha256Outside(BufferedImage image, BufferedImage mask) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] row = new byte[image.getWidth() * 3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                boolean inside = mask != null && (mask.getRaster().getSample(x, y, 0) > 0);
                int rgb = inside ? 0 : image.getRGB(x, y);
                row[3 * x] = (byte) (rgb >> 16);
                row[3 * x + 1] = (byte) (rgb >> 8);
                row[3 * x + 2] = (byte) rgb;
            }
            sha.update(row);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
