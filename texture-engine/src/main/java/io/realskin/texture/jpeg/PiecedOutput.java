package io.realskin.texture.jpeg;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A file written from small writes (markers, tables) and large arrays taken as they are (metadata segments, a coded
 * scan), joined once into an array of the exact size: no growing buffer holds a second copy of the large ones, and
 * no copy of the whole is made but the result.
 */
final class PiecedOutput extends ByteArrayOutputStream {
    private final List<byte[]> pieces = new ArrayList<>();
    private long size;

    PiecedOutput() {
        super(1024);
    }

    /** Appends {@code whole}, not copied until {@link #joined}: it must not change meanwhile. */
    void append(byte[] whole) {
        flush(false);
        pieces.add(whole);
        size += whole.length;
    }

    /** Everything written, in order, in one array. */
    byte[] joined() {
        flush(true);
        if (size > Integer.MAX_VALUE - 8) throw new IllegalStateException("a file of " + size + " bytes");
        byte[] file = new byte[(int) size];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, file, at, piece.length);
            at += piece.length;
        }
        return file;
    }

    private void flush(boolean last) {
        if (count == 0 && !last) return;
        pieces.add(toByteArray());
        size += count;
        reset();
    }
}
