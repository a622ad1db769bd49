package io.realskin.texture.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The file format of source-restore's learned filters ({@link UpscaleFilters}, {@link DeblockFilters}): gzip, a header
 * of ints that says what the filters were made for (format, version, bucket and window sizes), then every filter's
 * taps as float32, bank after bank. The reader refuses a header other than the engine's own, so a file trained for
 * other windows never loads into the wrong taps.
 */
final class FilterFile {
    private FilterFile() {
    }

    static void write(OutputStream out, int[] header, float[][]... banks) throws IOException {
        GZIPOutputStream zip = new GZIPOutputStream(out);
        DataOutputStream d = new DataOutputStream(zip);
        for (int v : header) d.writeInt(v);
        for (float[][] bank : banks) for (float[] k : bank) for (float v : k) d.writeFloat(v);
        d.flush();
        zip.finish();
    }

    /** Fills {@code banks} (already sized) from a file written by {@link #write} with the same header. */
    static void read(InputStream in, int[] header, float[][]... banks) throws IOException {
        DataInputStream d = new DataInputStream(new GZIPInputStream(in));
        for (int v : header) {
            int got = d.readInt();
            if (got != v) throw new IOException("not a source-restore filter file for this engine (header " + got + ", expected " + v + ")");
        }
        for (float[][] bank : banks) for (float[] k : bank) for (int t = 0; t < k.length; t++) k[t] = d.readFloat();
    }

    interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    /** A filter file shipped in the engine's resources, read by {@code reader}. */
    static <T> T load(String resource, Reader<T> reader) {
        try (InputStream in = FilterFile.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("resource missing: " + resource);
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
