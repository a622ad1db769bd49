package io.realskin.imaging;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IccProfileTest {
    private static final byte[] PROFILE = ProducerFiles.iccProfile(150_000);

    /** Over three APP2 segments, as a camera or an editor splits a large profile; the image still probes and decodes. */
    @Test
    void aJpegsProfileIsReadFromItsSegmentsAndWrittenBack() throws IOException {
        byte[] jpeg = TestImages.jpeg(64, 48, false, false, 0);
        assertNull(IccProfile.of(jpeg));
        assertArrayEquals(PROFILE, IccProfile.of(TestImages.insertAfterSoi(jpeg, ProducerFiles.iccSegments(150_000))));
        byte[] written = IccProfile.embed(jpeg, ImageFormat.JPEG, PROFILE, 3);
        assertArrayEquals(PROFILE, IccProfile.of(written));
        assertTrue(ImageProbe.probe(written).complete());
        assertArrayEquals(jpeg, withoutIcc(written), "the segments are inserted, nothing else moves");
    }

    @Test
    void aPngsIccpIsReadAndWrittenBeforeTheImageData() throws IOException {
        byte[] png = TestPngs.image(40, 30, 8, 2, false);
        byte[] written = IccProfile.embed(png, ImageFormat.PNG, PROFILE, 3);
        assertArrayEquals(PROFILE, IccProfile.of(written));
        assertTrue(PngData.verify(written).proven());
        assertEquals(40, ImageIO.read(new ByteArrayInputStream(written)).getWidth());
    }

    /** libwebp writes one image chunk: the file becomes an extended one, VP8X (its ICC flag, its size) and ICCP first. */
    @Test
    void aWebpGetsItsIccpInAnExtendedFile() {
        int size = 39 | 29 << 14; // 40x30, no alpha: the VP8L header's 14-bit sides less one
        byte[] vp8l = ImageProbeTest.webp("VP8L", new byte[] {0x2F, (byte) size, (byte) (size >> 8), (byte) (size >> 16), 0, 0, 0, 0});
        byte[] written = IccProfile.embed(vp8l, ImageFormat.WEBP, PROFILE, 3);
        assertArrayEquals(PROFILE, IccProfile.of(written));
        assertEquals("VP8X", new String(written, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
        ImageInfo info = ImageProbe.probe(written);
        assertEquals(40, info.width());
        assertEquals(30, info.height());
        assertEquals(3, info.channels());
    }

    @Test
    void aProfileOfAnotherColourSpaceOrNoneLeavesTheFileAsItIs() {
        byte[] png = TestPngs.image(40, 30, 8, 0, false);
        assertFalse(IccProfile.describes(PROFILE, 1));
        assertSame(png, IccProfile.embed(png, ImageFormat.PNG, PROFILE, 1), "an RGB profile on gray pixels");
        assertSame(png, IccProfile.embed(png, ImageFormat.PNG, null, 3));
    }

    /** iCCP is deflated: one that inflates past the limit is not carried, and costs no more than the limit to find out. */
    @Test
    void aPngProfileInflatingPastTheLimitIsNotRead() {
        byte[] huge = Arrays.copyOf(PROFILE, IccProfile.MAX_BYTES + 1);
        byte[] png = IccProfile.embed(TestPngs.image(40, 30, 8, 2, false), ImageFormat.PNG, huge, 3);
        assertNull(IccProfile.of(png));
    }

    /** The file with its ICC_PROFILE segments taken out again. */
    private static byte[] withoutIcc(byte[] jpeg) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int pos = 2;
        out.write(jpeg, 0, 2);
        while ((jpeg[pos + 1] & 0xFF) != 0xDA) {
            int end = pos + 2 + ((jpeg[pos + 2] & 0xFF) << 8 | jpeg[pos + 3] & 0xFF);
            if (!((jpeg[pos + 1] & 0xFF) == 0xE2 && new String(jpeg, pos + 4, 11, java.nio.charset.StandardCharsets.US_ASCII).equals("ICC_PROFILE"))) {
                out.write(jpeg, pos, end - pos);
            }
            pos = end;
        }
        out.write(jpeg, pos, jpeg.length - pos);
        return out.toByteArray();
    }
}
