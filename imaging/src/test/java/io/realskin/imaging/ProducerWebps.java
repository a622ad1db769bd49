package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** WebP's extended format as libwebp's webpmux writes it, from a simple WebP (one VP8 or VP8L chunk). */
public final class ProducerWebps {
    private ProducerWebps() {
    }

    /**
     * A simple WebP (one VP8 or VP8L chunk) made extended, as libwebp's webpmux writes it: a VP8X chunk (flags for ICC,
     * alpha, EXIF, XMP; the canvas size), ICCP first, the image chunk, then EXIF and XMP; the RIFF size updated.
     */
    public static byte[] webpExtended(byte[] simple, int width, int height, byte[] icc, byte[] exifTiff, byte[] xmp) {
        byte[] image = java.util.Arrays.copyOfRange(simple, 12, simple.length);
        int flags = (icc != null ? 0x20 : 0) | (exifTiff != null ? 0x08 : 0) | (xmp != null ? 0x04 : 0);
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) flags).put(new byte[3]);
        putLe24(vp8x, width - 1);
        putLe24(vp8x, height - 1);
        byte[] body = ProducerFiles.concat(ProducerFiles.ascii("WEBP"), riffChunk("VP8X", vp8x.array()), icc == null ? new byte[0] : riffChunk("ICCP", icc),
                image, exifTiff == null ? new byte[0] : riffChunk("EXIF", exifTiff), xmp == null ? new byte[0] : riffChunk("XMP ", xmp));
        return riff(body);
    }

    /** An animated WebP as webpmux writes it: VP8X with the animation flag, ANIM, then one ANMF frame per image. */
    public static byte[] webpAnimated(byte[] simple, int width, int height, int frames) {
        byte[] image = java.util.Arrays.copyOfRange(simple, 12, simple.length);
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x02).put(new byte[3]);
        putLe24(vp8x, width - 1);
        putLe24(vp8x, height - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ProducerFiles.ascii("WEBP"));
        out.writeBytes(riffChunk("VP8X", vp8x.array()));
        out.writeBytes(riffChunk("ANIM", new byte[] {-1, -1, -1, -1, 0, 0}));
        for (int i = 0; i < frames; i++) {
            ByteBuffer anmf = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            putLe24(anmf, 0);
            putLe24(anmf, 0);
            putLe24(anmf, width - 1);
            putLe24(anmf, height - 1);
            putLe24(anmf, 100);
            anmf.put((byte) 0);
            out.writeBytes(riffChunk("ANMF", ProducerFiles.concat(anmf.array(), image)));
        }
        return riff(out.toByteArray());
    }

    private static byte[] riff(byte[] body) {
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(ProducerFiles.ascii("RIFF")).putInt(body.length);
        return ProducerFiles.concat(head.array(), body);
    }

    private static byte[] riffChunk(String type, byte[] data) {
        ByteBuffer c = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        return c.put(ProducerFiles.ascii(type)).putInt(data.length).put(data).array();
    }

    private static void putLe24(ByteBuffer b, int v) {
        b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }
}
