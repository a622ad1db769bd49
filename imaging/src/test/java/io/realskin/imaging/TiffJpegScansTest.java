package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The JDK's TIFF reader decodes a JPEG-compressed tile of any number of scans, each a pass over the tile: a tiled TIFF
 * it reads ({@link OrientedTiffTiles}) is held to libtiff's limit of 99 scans a tile first, as OpenCV's decoder of
 * every other TIFF is.
 */
class TiffJpegScansTest {
    private static final byte[] TILE = TestImages.jpeg(64, 64, true, true, 0);

    @Test
    void aTileOfAFewScansIsDecoded() {
        byte[] tiff = tiledJpegTiff(TestImages.withFirstScanRepeated(TILE, 2), 6);
        OrientedTiffTiles.Upright upright = OrientedTiffTiles.decodeUpright(tiff, ImageProbe.probe(tiff));
        assertNotNull(upright);
        assertEquals(64, upright.width());
    }

    @Test
    void aTileOfMoreScansThanLibtiffReadsIsRefusedBeforeTheJdkDecodesIt() {
        byte[] tiff = tiledJpegTiff(TestImages.withFirstScanRepeated(TILE, 150), 6);
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> OrientedTiffTiles.decodeUpright(tiff, ImageProbe.probe(tiff)));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains("scans"), e.getMessage());
    }

    /** A 64x64 gray TIFF in one 64x64 tile whose data is {@code jpeg} (compression 7), with an orientation tag. */
    private static byte[] tiledJpegTiff(byte[] jpeg, int orientation) {
        int[][] entries = {{256, 3, 1, 64}, {257, 3, 1, 64}, {258, 3, 1, 8}, {259, 3, 1, 7}, {262, 3, 1, 1},
            {274, 3, 1, orientation}, {277, 3, 1, 1}, {284, 3, 1, 1}, {322, 3, 1, 64}, {323, 3, 1, 64}, {324, 4, 1, 0},
            {325, 4, 1, jpeg.length}};
        int dataAt = 8 + 2 + 12 * entries.length + 4;
        entries[10][3] = dataAt;
        ByteBuffer b = ByteBuffer.allocate(dataAt + jpeg.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) entries.length);
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            if (e[1] == 3) b.putShort((short) e[3]).putShort((short) 0);
            else b.putInt(e[3]);
        }
        return b.putInt(0).put(jpeg).array();
    }
}
