package io.realskin.imaging;

import static io.realskin.imaging.ProducerFiles.ascii;
import static io.realskin.imaging.ProducerFiles.concat;
import static io.realskin.imaging.ProducerFiles.indexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A metadata segment loses the thumbnails of the picture it came with, IFD1 and every byte of the thumbnail in EXIF,
 * the thumbnail resources in Photoshop's APP13, and keeps the rest; one that cannot be walked is dropped, never thrown.
 */
class EmbeddedPreviewsTest {
    private static final byte[] THUMBNAIL = TestImages.jpeg(40, 30, false, false, 0);
    /** Where IFD0's next-IFD offset is in {@link ProducerFiles#exif}: the TIFF header at 10, IFD0 at 8, 4 entries. */
    private static final int NEXT_IFD = 10 + 8 + 2 + 12 * 4;

    /**
     * What a reader may keep without a copy (the input's own bytes) is what remove() keeps as it is unread; every kind
     * that may hold a preview is looked into, wherever the segment stands in the file.
     */
    @Test
    void onlySegmentsThatCannotHoldAKnownPreviewAreKeptAsTheyAre() {
        byte[] thumbnail = TestImages.jpeg(16, 12, false, false, 0);
        byte[][] lookedInto = {ProducerFiles.exif(1, false, thumbnail), ProducerFiles.xmp(""),
                ProducerFiles.segment(0xE1, ascii("http://ns.adobe.com/xmp/extension/\0rest")),
                ProducerFiles.segment(0xE2, ascii("FPXR\0rest")), ProducerFiles.photoshopApp13()};
        byte[][] keptAsTheyAre = {ProducerFiles.iccSegments(1000), ProducerFiles.segment(0xE2, ascii("MPF\0rest")),
                ProducerFiles.c2paApp11(500), ProducerFiles.segment(0xEF, new byte[100]), ProducerFiles.segment(0xFE, new byte[100]),
                ProducerFiles.adobe(1), ProducerFiles.segment(0xED, ascii("IPTC continued")), ProducerFiles.segment(0xE1, ascii("FLIR\0rest"))};
        byte[] before = new byte[7];
        for (byte[] segment : lookedInto) {
            byte[] file = concat(before, segment);
            assertEquals(false, EmbeddedPreviews.keptAsItIs(file, before.length, file.length), Arrays.toString(Arrays.copyOf(segment, 12)));
        }
        for (byte[] segment : keptAsTheyAre) {
            byte[] file = concat(before, segment);
            assertEquals(true, EmbeddedPreviews.keptAsItIs(file, before.length, file.length), Arrays.toString(Arrays.copyOf(segment, 12)));
            assertSame(segment, EmbeddedPreviews.remove(segment));
        }
    }

    @Test
    void aThumbnailAtTheEndIsCutOffWithIfd1InEitherByteOrder() {
        forEachLayout(false, (in, le, thumbnail, name) -> {
            byte[] out = EmbeddedPreviews.remove(in);
            byte[] expected = Arrays.copyOf(in, 10 + order(in, le).getInt(NEXT_IFD));
            Arrays.fill(expected, NEXT_IFD, NEXT_IFD + 4, (byte) 0);
            ByteBuffer.wrap(expected).putShort(2, (short) (expected.length - 2));
            assertArrayEquals(expected, out, name + ": the block up to where IFD1 began, IFD0 pointing at none");
            assertEquals(-1, indexOf(out, thumbnail), name);
            ExifDirectories.assertPhoneExifWithoutIfd1(out, 1);
        });
    }

    /** Nothing can move (a maker note's offsets are not ours to walk), so the thumbnail is zeroed where it lies. */
    @Test
    void aThumbnailBeforeOtherIfdsIsZeroedInPlaceAndNothingMoves() {
        forEachLayout(true, (in, le, thumbnail, name) -> {
            byte[] out = EmbeddedPreviews.remove(in);
            int ifd1 = 10 + order(in, le).getInt(NEXT_IFD);
            int data = indexOf(in, thumbnail);
            byte[] expected = in.clone();
            Arrays.fill(expected, ifd1, ifd1 + 2 + 12 * order(in, le).getShort(ifd1) + 4, (byte) 0);
            Arrays.fill(expected, data, data + thumbnail.length, (byte) 0);
            Arrays.fill(expected, NEXT_IFD, NEXT_IFD + 4, (byte) 0);
            assertArrayEquals(expected, out, name + ": IFD1 and the thumbnail zeroed, every other byte where it was");
            ExifDirectories.assertPhoneExifWithoutIfd1(out, 1);
        });
    }

    private interface Layout {
        void check(byte[] exif, boolean littleEndian, byte[] thumbnail, String name);
    }

    /** A phone's EXIF in both byte orders, with a JPEG thumbnail and with an uncompressed one (an odd size when first). */
    private static void forEachLayout(boolean thumbnailFirst, Layout layout) {
        for (boolean le : new boolean[] {true, false}) {
            for (boolean rgbStrip : new boolean[] {false, true}) {
                byte[] thumbnail = rgbStrip ? rgbRow(thumbnailFirst ? 49 : 48) : THUMBNAIL;
                layout.check(ProducerFiles.exif(1, le, thumbnail, thumbnailFirst, rgbStrip), le, thumbnail,
                        (le ? "II" : "MM") + (rgbStrip ? " strip" : " JPEG"));
            }
        }
    }

    @Test
    void segmentsWithoutAPreviewAreReturnedAsTheyAre() {
        byte[] oneTag = PrivateMetadata.orientationOnlyExif(3);
        assertSame(oneTag, EmbeddedPreviews.remove(oneTag), "EXIF without IFD1");
        byte[] iptcOnly = ProducerFiles.photoshopApp13(iptc());
        assertSame(iptcOnly, EmbeddedPreviews.remove(iptcOnly), "APP13 without a thumbnail");
        byte[] xmp = ProducerFiles.xmp("xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"Pixel 8\"");
        assertSame(xmp, EmbeddedPreviews.remove(xmp));
        byte[] icc = ProducerFiles.iccSegments(3_000);
        assertSame(icc, EmbeddedPreviews.remove(icc));
    }

    @Test
    void anExifBlockThatCannotBeWalkedIsDroppedWithoutAnException() {
        byte[] whole = ProducerFiles.exif(1, false, THUMBNAIL);
        for (int cut = 9; cut < whole.length; cut++) {
            assertNull(EmbeddedPreviews.remove(EmbeddedPreviews.sized(Arrays.copyOf(whole, cut))), "cut to " + cut + " of " + whole.length);
        }
        int ifd1 = 10 + order(whole, false).getInt(NEXT_IFD);
        int length = ifd1 + 2 + 12 * 2 + 8;
        assertNull(EmbeddedPreviews.remove(ProducerFiles.segment(0xE1, ascii("Exif\0\0no TIFF header here"))));
        assertNull(EmbeddedPreviews.remove(patched(whole, 10 + 4, 0x7FFF_0000)), "IFD0 past the end");
        assertNull(EmbeddedPreviews.remove(patched(whole, ifd1 + 2 + 12 * 3, ifd1 - 10)), "IFD1 chained to itself");
        byte[] rotated = ProducerFiles.exif(6, false, THUMBNAIL);
        int rotatedIfd1 = 10 + order(rotated, false).getInt(NEXT_IFD);
        assertArrayEquals(PrivateMetadata.orientationOnlyExif(6),
                EmbeddedPreviews.remove(patched(rotated, rotatedIfd1 + 2 + 12 * 3, rotatedIfd1 - 10)),
                "a block that cannot be walked keeps its orientation alone, so the picture still stands upright");
        assertNull(EmbeddedPreviews.remove(patched(whole, length, whole.length)), "thumbnail length past the end");
        assertNull(EmbeddedPreviews.remove(patched(whole, length - 12, 8)), "thumbnail over IFD0");
        assertNull(EmbeddedPreviews.remove(patched(whole, length - 8, 0x0203_0004)), "thumbnail without a length");
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = whole.clone();
            for (int k = 0; k < 8; k++) garbage[18 + random.nextInt(whole.length - 18)] = (byte) random.nextInt();
            assertDoesNotThrow(() -> EmbeddedPreviews.remove(garbage));
        }
    }

    @Test
    void photoshopsThumbnailResourcesGoAndEveryOtherResourceStaysByteForByte() {
        byte[] resolution = ProducerFiles.photoshopResource(0x03ED, "Resolution", new byte[] {0, 72, 0, 0, 0, 1, 0, 2, 0, 72, 0, 0, 0, 1, 0, 2});
        byte[] odd = ProducerFiles.photoshopResource(0x0422, "", new byte[] {1, 2, 3, 4, 5});
        byte[] photoshop5 = ProducerFiles.photoshopThumbnail(40, 30, THUMBNAIL);
        byte[] photoshop4 = ProducerFiles.photoshopResource(0x0409, "", concat(new byte[28], THUMBNAIL));
        byte[] out = EmbeddedPreviews.remove(ProducerFiles.photoshopApp13(iptc(), photoshop5, resolution, photoshop4, odd));
        assertArrayEquals(ProducerFiles.photoshopApp13(iptc(), resolution, odd), out);
        assertEquals(-1, indexOf(out, THUMBNAIL));

        byte[] cut = ProducerFiles.segment(0xED, Arrays.copyOfRange(ProducerFiles.photoshopApp13(iptc(), photoshop5), 4, 200));
        assertNull(EmbeddedPreviews.remove(cut), "a resource cut short (or continued in the next segment)");
        byte[] foreign = ProducerFiles.photoshopApp13(iptc(), concat(ascii("XXXX"), Arrays.copyOfRange(photoshop5, 4, photoshop5.length)));
        assertNull(EmbeddedPreviews.remove(foreign), "a block that is not an image resource");
        byte[] continued = ProducerFiles.segment(0xED, Arrays.copyOfRange(ProducerFiles.photoshopApp13(iptc(), resolution), 4, 40));
        assertSame(continued, EmbeddedPreviews.remove(continued), "IPTC continued in the next segment, no JPEG in it: kept");
    }

    /** IPTC-NAA (0x0404): a By-line and a caption, as IIM datasets. */
    private static byte[] iptc() {
        byte[] byline = concat(new byte[] {0x1C, 2, 80, 0, 8}, ascii("Jane Doe"));
        byte[] caption = concat(new byte[] {0x1C, 2, 120, 0, 9}, ascii("a portrait"));
        return ProducerFiles.photoshopResource(0x0404, "", concat(byline, caption));
    }

    private static byte[] rgbRow(int pixels) {
        byte[] row = new byte[3 * pixels];
        for (int i = 0; i < row.length; i++) row[i] = (byte) (0x80 + i * 37);
        return row;
    }

    private static ByteBuffer order(byte[] segment, boolean le) {
        return ByteBuffer.wrap(segment).order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    private static byte[] patched(byte[] bigEndianExif, int at, int value) {
        byte[] b = bigEndianExif.clone();
        ByteBuffer.wrap(b).putInt(at, value);
        return b;
    }
}
