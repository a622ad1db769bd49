package io.realskin.imaging;

import static io.realskin.imaging.ProducerFiles.indexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A JPEG standing in an EXIF block outside IFD1, a maker note's preview or a thumbnail nothing points at any more, is
 * zeroed where it lies, every other byte where it was; one cut short at the block's end drops the block.
 */
class EmbeddedPreviewsExifJpegsTest {
    private static final byte[] PREVIEW = TestImages.jpeg(64, 48, false, true, 0);
    private static final byte[] THUMBNAIL = TestImages.jpeg(40, 30, false, false, 0);
    /** Where IFD0's next-IFD offset is in {@link ProducerFiles#exif}: the TIFF header at 10, IFD0 at 8, 4 entries. */
    private static final int NEXT_IFD = 10 + 8 + 2 + 12 * 4;

    @Test
    void aMakerNotesPreviewIsZeroedInPlaceAndIfd1GoesAsBefore() {
        for (boolean le : new boolean[] {true, false}) {
            byte[] in = ProducerPreviews.makerNotePreview(1, le, PREVIEW, THUMBNAIL);
            int preview = indexOf(in, PREVIEW);
            int ifd0Next = 10 + 8 + 2 + 12 * 3;
            int ifd1 = 10 + ByteBuffer.wrap(in).order(le ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN).getInt(ifd0Next);
            byte[] expected = Arrays.copyOf(in, ifd1);
            Arrays.fill(expected, preview, preview + PREVIEW.length, (byte) 0);
            Arrays.fill(expected, ifd0Next, ifd0Next + 4, (byte) 0);
            EmbeddedPreviews.sized(expected);
            byte[] out = EmbeddedPreviews.remove(in);
            assertArrayEquals(expected, out, (le ? "II" : "MM") + ": the preview's bytes zeroed, the maker note's offsets unchanged");
            assertEquals(1, ExifDirectories.read(out).size(), "IFD0 alone");
        }
    }

    /** A phone's EXIF after an editor unlinked IFD1 (IFD0's next-IFD offset 0) and left the thumbnail's bytes behind. */
    private static byte[] unlinked(int orientation) {
        byte[] in = ProducerFiles.exif(orientation, false, THUMBNAIL);
        Arrays.fill(in, NEXT_IFD, NEXT_IFD + 4, (byte) 0);
        return in;
    }

    @Test
    void aThumbnailNothingPointsAtIsZeroedInPlace() {
        byte[] in = unlinked(1);
        int thumbnail = indexOf(in, THUMBNAIL);
        byte[] expected = in.clone();
        Arrays.fill(expected, thumbnail, thumbnail + THUMBNAIL.length, (byte) 0);
        assertArrayEquals(expected, EmbeddedPreviews.remove(in));
        ExifDirectories.assertPhoneExifWithoutIfd1(expected, 1);
    }

    @Test
    void bytesThatOnlyStartLikeAJpegStay() {
        byte[] in = unlinked(1);
        int thumbnail = indexOf(in, THUMBNAIL);
        byte[] noFrame = in.clone();
        int sof = thumbnail + TestImages.indexOf(THUMBNAIL, 0xC0);
        noFrame[sof + 1] = (byte) 0xC4; // its frame header read as a table: a scan without a frame is no picture
        byte[] gap = in.clone();
        gap[thumbnail + 4 + ((THUMBNAIL[4] & 0xFF) << 8 | THUMBNAIL[5] & 0xFF)] = 0x12; // the second segment not where the first ended
        for (byte[] notAJpeg : new byte[][] {noFrame, gap}) assertSame(notAJpeg, EmbeddedPreviews.remove(notAJpeg));
    }

    /**
     * A block made of JPEG starts whose walks each run on through the same chain of segments to its end, where it
     * breaks off: read in full that would cost the block's size squared (some 80 million steps here, for every such
     * segment of a file); past four reads a byte the block is dropped as one that cannot be walked.
     */
    @Test
    void aBlockOfJpegStartsThatWouldCostItsSizeSquaredIsDropped() {
        byte[] link = {(byte) 0xFF, (byte) 0xE0, 0, 5, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
        byte[] chain = new byte[link.length * 9_000 + 1];
        for (int i = 0; i + link.length < chain.length; i += link.length) System.arraycopy(link, 0, chain, i, link.length);
        byte[] in = EmbeddedPreviews.sized(ProducerFiles.concat(unlinked(6), chain));
        assertArrayEquals(PrivateMetadata.orientationOnlyExif(6), EmbeddedPreviews.remove(in));
    }

    /** Its start cannot be told from the end of what the block holds before it: the block goes, its orientation stays. */
    @Test
    void aPreviewCutShortAtTheBlocksEndDropsTheBlock() {
        byte[] in = unlinked(6);
        byte[] cut = EmbeddedPreviews.sized(Arrays.copyOf(in, in.length - THUMBNAIL.length / 2));
        assertArrayEquals(PrivateMetadata.orientationOnlyExif(6), EmbeddedPreviews.remove(cut));
    }
}
