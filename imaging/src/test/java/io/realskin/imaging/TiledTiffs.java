package io.realskin.imaging;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Uncompressed 8-bit TIFFs in square tiles (padded at the right and bottom edges), with an orientation tag. */
public final class TiledTiffs {
    private TiledTiffs() {
    }

    /**
     * @param samples   {@code channels} samples a pixel (1 gray, 3 RGB in that order), rows top to bottom, as stored
     * @param tile      the tiles' side, a multiple of 16 as TIFF requires
     */
    public static byte[] of(int width, int height, int channels, byte[] samples, int orientation, int tile) {
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("gray or RGB");
        int across = (width + tile - 1) / tile;
        int down = (height + tile - 1) / tile;
        int tiles = across * down;
        int tileBytes = tile * tile * channels;
        int entriesAt = 8;
        int entryCount = 12;
        int bitsAt = entriesAt + 2 + 12 * entryCount + 4;
        int offsetsAt = bitsAt + 6;
        int countsAt = offsetsAt + 4 * tiles;
        int dataAt = countsAt + 4 * tiles;
        ByteBuffer b = ByteBuffer.allocate(dataAt + tiles * tileBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(entriesAt).putShort((short) entryCount);
        int[][] entries = {{256, 3, 1, width}, {257, 3, 1, height},
            channels == 3 ? new int[] {258, 3, 3, bitsAt} : new int[] {258, 3, 1, 8}, {259, 3, 1, 1},
            {262, 3, 1, channels == 3 ? 2 : 1}, {274, 3, 1, orientation}, {277, 3, 1, channels}, {284, 3, 1, 1},
            {322, 3, 1, tile}, {323, 3, 1, tile},
            {324, 4, tiles, tiles == 1 ? dataAt : offsetsAt}, {325, 4, tiles, tiles == 1 ? tileBytes : countsAt}};
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            if (e[1] == 3 && e[2] == 1) b.putShort((short) e[3]).putShort((short) 0);
            else b.putInt(e[3]);
        }
        b.putInt(0).putShort((short) 8).putShort((short) 8).putShort((short) 8);
        for (int t = 0; t < tiles; t++) b.putInt(dataAt + t * tileBytes);
        for (int t = 0; t < tiles; t++) b.putInt(tileBytes);
        for (int t = 0; t < tiles; t++) {
            for (int y = t / across * tile; y < (t / across + 1) * tile; y++) {
                for (int x = t % across * tile; x < (t % across + 1) * tile; x++) {
                    if (x < width && y < height) b.put(samples, (y * width + x) * channels, channels);
                    else b.put(new byte[channels]);
                }
            }
        }
        return b.array();
    }

    /** Samples without a symmetry a mirrored or turned tile could keep. */
    public static byte[] asymmetric(int width, int height, int channels) {
        byte[] px = new byte[width * height * channels];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 37 % 251);
        return px;
    }
}
