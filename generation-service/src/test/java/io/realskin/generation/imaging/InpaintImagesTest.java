package io.realskin.generation.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.FailureCodes;
import io.realskin.generation.stub.StubImages;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ProducerPngs;
import io.realskin.imaging.StripTiffs;
import io.realskin.imaging.TiledTiffs;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** The decoded pixels of an inpaint job are freed on every path: after the inputs are derived, and when a decode fails. */
class InpaintImagesTest {
    private static final int W = 320;
    private static final int H = 240;

    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    private static byte[] mask() {
        Mat mask = Mat.zeros(H, W, CvType.CV_8UC1);
        Imgproc.circle(mask, new Point(160, 120), 50, new Scalar(255), -1);
        try {
            return InpaintImages.png(mask);
        } finally {
            mask.release();
        }
    }

    @Test
    void aMaskThatDoesNotDecodeAfterAGoodImageFreesTheImage() {
        byte[] image = StubImages.synthetic(W, H, "png");
        byte[] mask = mask();
        byte[] cut = Arrays.copyOf(mask, mask.length / 2); // its header intact, its image data cut short
        int before = InpaintImages.live();
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> InpaintImages.decode(image, cut));
        assertEquals(FailureCodes.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
        assertEquals(before, InpaintImages.live(), "the decoded image was freed");
    }

    @Test
    void aMaskOfAnotherSizeFreesBoth() {
        byte[] image = StubImages.synthetic(W + 2, H, "png");
        int before = InpaintImages.live();
        assertThrows(ImageRejectedException.class, () -> InpaintImages.decode(image, mask()));
        assertEquals(before, InpaintImages.live());
    }

    @Test
    void theProvidersInputsAreDerivedAndThePixelsFreedBeforeTheyAreReturned() {
        byte[] image = StubImages.synthetic(W, H, "jpg");
        int before = InpaintImages.live();
        InpaintInputs inputs = InpaintInputs.of(image, mask(), false);
        assertEquals(before, InpaintImages.live(), "nothing decoded is held by the inputs");
        assertEquals(W, inputs.width());
        assertEquals(H, inputs.height());
        assertEquals("image/jpeg", inputs.contentType());
        assertTrue(Arrays.equals(image, inputs.image()), "an upright 8-bit JPEG goes as uploaded");
        assertNotNull(inputs.maskWhiteIsEdit());
        assertNotNull(inputs.maskAlphaZeroIsEdit());
        assertTrue(inputs.maskedFraction() > 0.05 && inputs.maskedFraction() < 0.15, "fraction " + inputs.maskedFraction());

        InpaintImages open = InpaintImages.decode(image, mask());
        assertEquals(before + 2, InpaintImages.live(), "image and mask");
        open.close();
        open.close();
        assertEquals(before, InpaintImages.live(), "closed once, counted once");
    }

    /**
     * A mask with alpha paints with its gray times its alpha, as the texture engine reads one: a circle painted on
     * transparent white is the circle, not a white sheet (until 2026-12-07 alpha was ignored and the whole image reworked).
     */
    @Test
    void aMasksTransparentPixelsAreUnpainted() {
        byte[] image = StubImages.synthetic(W, H, "png");
        Mat rgba = new Mat(H, W, CvType.CV_8UC4, new Scalar(255, 255, 255, 0));
        Imgproc.circle(rgba, new Point(160, 120), 50, new Scalar(255, 255, 255, 255), -1);
        byte[] transparent = InpaintImages.png(rgba);
        rgba.release();
        try (InpaintImages gray = InpaintImages.decode(image, mask()); InpaintImages alpha = InpaintImages.decode(image, transparent)) {
            assertEquals(gray.maskedFraction(), alpha.maskedFraction(), 1e-9);
            assertTrue(Arrays.equals(gray.maskWhiteIsEdit(), alpha.maskWhiteIsEdit()), "the same mask for the provider");
        }
    }

    /**
     * A TIFF of gray and alpha (PIL's LA), 8 or 16 bits, keeps its alpha: as a mask, a small opaque stroke on transparent
     * white paints the stroke alone; as the image, it is BGRA of its own depth (gray in B, G, R), and a reference leaves
     * as an 8-bit PNG. Until 2026-12-07 OpenCV 4.9 decoded it as its gray alone (8 bits even from 16): the mask painted
     * the whole frame (fraction 1.0, the whole image sent and reworked) and the image lost its alpha.
     */
    @Test
    void aGrayTiffWithAlphaKeepsItsAlphaAsMaskImageAndReference() {
        int stroke = 0;
        int[] maskSamples = new int[W * H * 2];
        int[] imageSamples = new int[W * H * 2];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = 2 * (y * W + x);
                boolean painted = x >= 100 && x < 140 && y >= 50 && y < 60; // 40 x 10 of 320 x 240
                stroke += painted ? 1 : 0;
                maskSamples[i] = 255;
                maskSamples[i + 1] = painted ? 255 : 0;
                imageSamples[i] = (x + y) % 256;
                imageSamples[i + 1] = x % 256;
            }
        }
        for (int bits : new int[] {8, 16}) {
            int scale = bits == 8 ? 1 : 257;
            byte[] mask = StripTiffs.of(W, H, 2, bits, StripTiffs.GRAY, 1, StripTiffs.UNSIGNED, scaled(maskSamples, scale));
            byte[] image = StripTiffs.of(W, H, 2, bits, StripTiffs.GRAY, 1, StripTiffs.UNSIGNED, scaled(imageSamples, scale));
            try (InpaintImages decoded = InpaintImages.decode(image, mask)) {
                assertEquals((double) stroke / (W * H), decoded.maskedFraction(), 1e-9, bits + "-bit mask: the stroke alone");
                Mat pixels = decoded.image();
                assertEquals(bits == 8 ? CvType.CV_8UC4 : CvType.CV_16UC4, pixels.type(), bits + "-bit image");
                double[] bgra = pixels.get(7, 33); // gray 40, alpha 33
                assertEquals(List.of(40.0 * scale, 40.0 * scale, 40.0 * scale, 33.0 * scale),
                        List.of(bgra[0], bgra[1], bgra[2], bgra[3]), bits + "-bit image pixel");
            }
            OutgoingImage reference = OutgoingImage.of(image, ImageProbe.probe(image));
            assertEquals("image/png", reference.contentType());
            Mat sent = InpaintImages.decode(reference.bytes(), Imgcodecs.IMREAD_UNCHANGED, "reference");
            try {
                assertEquals(CvType.CV_8UC3, sent.type(), bits + "-bit reference");
                assertEquals(40.0, sent.get(7, 33)[0], bits + "-bit reference pixel");
            } finally {
                sent.release();
            }
        }
    }

    private static int[] scaled(int[] samples, int scale) {
        return Arrays.stream(samples).map(s -> s * scale).toArray();
    }

    /**
     * An inpaint's 8-bit tiled TIFF, image and mask, comes out upright whatever its orientation tag, tile for tile: OpenCV
     * 4.9 reads such tiles through libtiff's RGBA interface and, with a mirroring tag (2, 3, 6, 7), returned each tile's
     * content mirrored in place, so the provider was sent, and the composite kept, a picture of mirrored squares. A TIFF
     * reference leaves as the PNG of the same upright pixels.
     */
    @Test
    void aTiledTiffImageMaskOrReferenceIsUprightWhateverItsOrientationTag() {
        int w = 40;
        int h = 24;
        byte[] rgb = TiledTiffs.asymmetric(w, h, 3);
        byte[] gray = TiledTiffs.asymmetric(w, h, 1);
        Mat storedBgr = new Mat(h, w, CvType.CV_8UC3);
        Mat storedRgb = new Mat(h, w, CvType.CV_8UC3);
        storedRgb.put(0, 0, rgb);
        Imgproc.cvtColor(storedRgb, storedBgr, Imgproc.COLOR_RGB2BGR);
        Mat storedGray = new Mat(h, w, CvType.CV_8UC1);
        storedGray.put(0, 0, gray);
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] image = TiledTiffs.of(w, h, 3, rgb, orientation, 16);
            byte[] mask = TiledTiffs.of(w, h, 1, gray, orientation, 16);
            Mat expectedImage = oriented(storedBgr, orientation);
            Mat expectedMask = oriented(storedGray, orientation);
            try (InpaintImages decoded = InpaintImages.decode(image, mask)) {
                assertSame(expectedImage, decoded.image(), "image, orientation " + orientation);
                assertSame(expectedMask, decoded.mask(), "mask, orientation " + orientation);
            }
            OutgoingImage reference = OutgoingImage.of(image, ImageProbe.probe(image));
            assertEquals("image/png", reference.contentType());
            Mat sent = InpaintImages.decode(reference.bytes(), Imgcodecs.IMREAD_UNCHANGED, "reference");
            try {
                assertSame(expectedImage, sent, "reference, orientation " + orientation);
            } finally {
                sent.release();
            }
        }
    }

    /**
     * A PNG whose eXIf orientation is 6, as the gateway and the Studio show it (turned): its upright mask fits it, and the
     * provider gets, and a reference leaves as, the PNG of its upright pixels. Before, the image was decoded as stored
     * (IMREAD_UNCHANGED ignores the orientation) and the job refused its mask ("the mask is 24x40 but the image is
     * 40x24"), and a PNG reference left with its eXIf stripped: sideways for the provider.
     */
    @Test
    void aPngsExifOrientationIsAppliedToTheImageTheProviderAndAReference() {
        Mat stored = new Mat(24, 40, CvType.CV_8UC3);
        stored.put(0, 0, TiledTiffs.asymmetric(40, 24, 3));
        byte[] png = ProducerPngs.beforeIdat(InpaintImages.png(stored), ProducerPngs.exifChunk(6));
        Mat upright = new Mat();
        Core.rotate(stored, upright, Core.ROTATE_90_CLOCKWISE); // orientation 6: turned a quarter clockwise to be shown
        Mat uprightMask = Mat.zeros(40, 24, CvType.CV_8UC1);
        Imgproc.rectangle(uprightMask, new Point(4, 4), new Point(12, 30), new Scalar(255), -1);
        try (InpaintImages decoded = InpaintImages.decode(png, InpaintImages.png(uprightMask))) {
            assertSame(upright, decoded.image(), "image");
            assertEquals("image/png", decoded.providerContentType(true));
            Mat sent = InpaintImages.decode(decoded.providerImage(true), Imgcodecs.IMREAD_UNCHANGED, "sent");
            try {
                assertSame(upright, sent, "the provider's image");
            } finally {
                sent.release();
            }
        }
        OutgoingImage reference = OutgoingImage.of(png, ImageProbe.probe(png));
        Mat sent = InpaintImages.decode(reference.bytes(), Imgcodecs.IMREAD_UNCHANGED, "reference");
        try {
            assertSame(upright, sent, "the reference");
        } finally {
            sent.release();
        }
    }

    /**
     * The stored picture as EXIF's orientation tag shows it: for the TIFFs, {@link Orientation}'s OpenCV flips and
     * rotations are the oracle of imaging's per-pixel turn, which shares no code with them.
     */
    private static Mat oriented(Mat stored, int orientation) {
        return Orientation.apply(stored.clone(), orientation);
    }

    private static void assertSame(Mat expected, Mat actual, String what) {
        assertEquals(expected.cols() + "x" + expected.rows() + "x" + expected.channels(),
                actual.cols() + "x" + actual.rows() + "x" + actual.channels(), what);
        byte[] e = new byte[(int) expected.total() * expected.channels()];
        byte[] a = new byte[e.length];
        expected.get(0, 0, e);
        actual.get(0, 0, a);
        assertTrue(Arrays.equals(e, a), what + ": the pixels differ");
    }
}
