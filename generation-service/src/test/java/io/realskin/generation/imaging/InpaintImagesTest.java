package io.realskin.generation.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.FailureCodes;
import io.realskin.generation.stub.StubImages;
import io.realskin.imaging.ImageRejectedException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
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
}
