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
    private final List<MarkerSegment> pieces = new ArrayList<>();
    private long size;

    PiecedOutput() {
        super(1024);
    }

    /** Appends the piece's bytes, not copied until {@link #joined}: they must not change meanwhile. */
    void append(MarkerSegment piece) {
        flush(false);
        pieces.add(piece);
        size += piece.length();
    }

    /** Everything written, in order, in one array. */
    byte[] joined() {
        flush(true);
        if (size > Integer.MAX_VALUE - 8) throw new IllegalStateException("a file of " + size + " bytes");
        byte[] file = new byte[(int) size];
        int at = 0;
        for (MarkerSegment piece : pieces) {
            System.arraycopy(piece.bytes(), piece.from(), file, at, piece.length());
            at += piece.length();
        }
        return file;
    }

    private void flush(boolean last) {
        if (count == 0 && !last) return;
        pieces.add(MarkerSegment.of(toByteArray()));
        size += count;
        reset();
    }
}
