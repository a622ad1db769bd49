package io.realskin.generation.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.generation.stub.StubImages;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** An answer is an image only if its header passes the limits and all of it decodes. */
class ImageChecksTest {
    private final ImageChecks checks = new ImageChecks(ImageLimits.DEFAULT);

    @Test
    void aValidImagePassesWithItsSize() {
        CheckedImage png = checks.decodable(StubImages.synthetic(640, 480, "png"));
        assertEquals(new CheckedImage(ImageFormat.PNG, 640, 480), png);
        assertEquals("image/jpeg", checks.decodable(StubImages.synthetic(320, 200, "jpg")).contentType());
    }

    @Test
    void aTruncatedImageIsBad() {
        byte[] png = StubImages.synthetic(640, 480, "png");
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> checks.decodable(Arrays.copyOf(png, png.length / 2)));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
    }

    @Test
    void aHeaderOverFiftyMegapixelsIsRefusedBeforeDecoding() {
        byte[] png = StubImages.synthetic(64, 64, "png").clone();
        ByteBuffer.wrap(png, 16, 8).putInt(10_000).putInt(10_000); // IHDR width, height
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> checks.decodable(png));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
    }

    @Test
    void aCompleteLookingImageWhoseDataIsBrokenIsBad() {
        byte[] png = StubImages.synthetic(640, 480, "png").clone();
        for (int i = png.length / 3; i < png.length / 3 + 2000; i++) {
            png[i] ^= 0x5A;
        }
        assertEquals(ImageRejectedException.BAD_IMAGE,
                assertThrows(ImageRejectedException.class, () -> checks.decodable(png)).code());
    }

    @Test
    void aJpegWhoseHeaderIsFineButWhoseHuffmanTableIsBogusIsBad() {
        byte[] jpg = StubImages.synthetic(640, 480, "jpg").clone();
        int dht = indexOf(jpg, (byte) 0xFF, (byte) 0xC4);
        Arrays.fill(jpg, dht + 5, dht + 5 + 16, (byte) 0xFF); // the code counts of the first table: far more than 256 codes
        assertEquals(new CheckedImage(ImageFormat.JPEG, 640, 480), checks.header(jpg), "the header alone passes");
        assertEquals(ImageRejectedException.BAD_IMAGE,
                assertThrows(ImageRejectedException.class, () -> checks.decodable(jpg)).code());
    }

    @Test
    void overThirtyMebibytesIsTooLarge() {
        assertEquals(ImageRejectedException.TOO_LARGE, assertThrows(ImageRejectedException.class,
                () -> checks.header(new byte[(int) ImageLimits.DEFAULT.maxBytes() + 1])).code());
    }

    private static int indexOf(byte[] bytes, byte first, byte second) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == first && bytes[i + 1] == second) {
                return i;
            }
        }
        throw new IllegalArgumentException("marker not found");
    }
}
