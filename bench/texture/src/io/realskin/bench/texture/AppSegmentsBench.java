package io.realskin.bench.texture;

import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.TextureEngine;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Memory of one restore of a JPEG that is mostly metadata: the portrait with APPn and COM segments of every kind a
 * producer writes (an ICC profile over APP2 chunks, Exif, XMP, extended XMP, C2PA's APP11, a vendor's APP15, COM),
 * padded to {@code MB} in all. Prints the file's and the output's size, the heap the restore allocated (all threads),
 * the heap's peak use above what was live before and the peak resident memory above the RSS before (Linux VmHWM).
 * bench/texture/app-segments runs it and finds the smallest -Xmx that restores the file.
 * Usage: AppSegmentsBench PORTRAIT.jpg MB (0: the portrait alone)
 */
public final class AppSegmentsBench {
    private static final int SEGMENT = 65_533; // the largest payload of one marker segment

    public static void main(String[] args) throws Exception {
        byte[] portrait = Files.readAllBytes(Path.of(args[0]));
        long target = (long) (Double.parseDouble(args[1]) * 1024 * 1024);
        byte[] file = padded(portrait, target);
        TextureEngine engine = new TextureEngine().awaitModels();
        System.gc();
        long heapBefore = heapUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        long rssBefore = SpeedBench.resetPeakAndReadRss();
        long allocatedBefore = allocated();
        RestoreResult r = engine.restore(file, RestoreOptions.defaults().withThreads(1).withSeed(1));
        long allocated = allocated() - allocatedBefore;
        long peakRss = SpeedBench.readStatusKb("VmHWM") * 1024;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) heapPeak += pool.getPeakUsage().getUsed();
        }
        System.out.printf(Locale.ROOT, "input %.1f MB (image %.2f MB, metadata %.1f MB); output %.2f MB, %d faces, JPEG path %s%n",
                file.length / 1e6, portrait.length / 1e6, (file.length - portrait.length) / 1e6, r.bytes().length / 1e6, r.faces(),
                r.jpeg() == null ? "-" : r.jpeg().path() + (r.jpeg().reason() == null ? "" : " (" + r.jpeg().reason() + ")"));
        System.out.printf(Locale.ROOT, "allocated on the heap during the restore: %.0f MB%n", allocated / 1e6);
        System.out.printf(Locale.ROOT, "heap peak above the live heap before: %.0f MB (GC-dependent; see the -Xmx search)%n",
                (heapPeak - heapBefore) / 1e6);
        if (rssBefore > 0 && peakRss > 0) {
            System.out.printf(Locale.ROOT, "peak resident memory above the RSS before: %.0f MB%n", (peakRss - rssBefore) / 1e6);
        }
    }

    /** The portrait with metadata segments after its SOI, about {@code target} bytes in all. */
    static byte[] padded(byte[] portrait, long target) {
        Random random = new Random(7);
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        long budget = target - portrait.length;
        if (budget < SEGMENT) return portrait; // MB 0: the portrait alone, for the baseline
        // an ICC profile of 3.9 MB (IccProfile.MAX_BYTES is 4 MB) over APP2 chunks, its header an RGB display profile
        byte[] icc = new byte[(int) Math.min(budget / 5, 3_900_000)];
        random.nextBytes(icc);
        System.arraycopy(new byte[] {0, 0, 0, 0}, 0, icc, 0, 4);
        icc[0] = (byte) (icc.length >>> 24);
        icc[1] = (byte) (icc.length >>> 16);
        icc[2] = (byte) (icc.length >>> 8);
        icc[3] = (byte) icc.length;
        System.arraycopy("mntrRGB XYZ ".getBytes(StandardCharsets.US_ASCII), 0, icc, 12, 12);
        System.arraycopy("acsp".getBytes(StandardCharsets.US_ASCII), 0, icc, 36, 4);
        int chunk = SEGMENT - 14;
        int chunks = (icc.length + chunk - 1) / chunk;
        for (int i = 0; i < chunks; i++) {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
            payload.write(i + 1);
            payload.write(chunks);
            payload.write(icc, i * chunk, Math.min(chunk, icc.length - i * chunk));
            segment(segments, 0xE2, payload.toByteArray());
        }
        // Exif of orientation 1 with a padded user comment: one segment
        segment(segments, 0xE1, exif(SEGMENT));
        // XMP: one packet padded with spaces, as editors leave room to rewrite it in place
        String packet = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></x:xmpmeta>";
        String end = "<?xpacket end=\"w\"?>";
        byte[] xmpId = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
        int pad = SEGMENT - xmpId.length - packet.getBytes(StandardCharsets.UTF_8).length - end.length();
        segment(segments, 0xE1, concat(xmpId, (packet + " ".repeat(pad) + end).getBytes(StandardCharsets.UTF_8)));
        // the rest evenly: extended XMP, C2PA's APP11 JUMBF boxes, a vendor's APP15, comments
        long rest = budget - segments.size();
        int[][] kinds = {{0xE1, 1}, {0xEB, 2}, {0xEF, 3}, {0xFE, 4}};
        byte[] extendedId = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);
        for (int[] kind : kinds) {
            long share = rest / kinds.length;
            for (long written = 0; written + 4 < share; ) {
                int n = (int) Math.min(SEGMENT, share - written - 4);
                byte[] body = new byte[n];
                random.nextBytes(body);
                if (kind[1] == 1) System.arraycopy(extendedId, 0, body, 0, Math.min(n, extendedId.length));
                if (kind[1] == 2 && n > 8) System.arraycopy("JP\0\0\0\0\0\1".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 8);
                segment(segments, kind[0], body);
                written += n + 4;
            }
        }
        byte[] meta = segments.toByteArray();
        byte[] file = new byte[portrait.length + meta.length];
        System.arraycopy(portrait, 0, file, 0, 2);
        System.arraycopy(meta, 0, file, 2, meta.length);
        System.arraycopy(portrait, 2, file, 2 + meta.length, portrait.length - 2);
        return file;
    }

    /** An Exif block, big-endian, IFD0 with orientation 1 and a user comment filling it to {@code size} bytes. */
    private static byte[] exif(int size) {
        int comment = size - 6 - 8 - 2 - 2 * 12 - 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(size);
        b.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 1).putShort((short) 0);
        b.putShort((short) 0x9286).putShort((short) 7).putInt(comment).putInt(8 + 2 + 2 * 12 + 4);
        b.putInt(0);
        byte[] text = "ASCII\0\0\0".getBytes(StandardCharsets.US_ASCII);
        b.put(text);
        while (b.hasRemaining()) b.put((byte) ' ');
        return b.array();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >>> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) used += pool.getUsage().getUsed();
        }
        return used;
    }

    /** Heap bytes allocated so far by the threads alive now (the restore's helpers are pool threads that stay). */
    private static long allocated() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) if (a > 0) sum += a;
        return sum;
    }
}
