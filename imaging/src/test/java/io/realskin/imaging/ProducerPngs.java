package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * The chunks generators and editors put in a PNG, as they write them ({@link ProducerFiles} has the JPEG side): text
 * (ComfyUI's prompt and workflow, Automatic1111's parameters; tEXt, zTXt, iTXt), C2PA's caBX, eXIf and iCCP.
 */
public final class ProducerPngs {
    private ProducerPngs() {
    }

    /** The PNG with chunks inserted before its first IDAT, as PIL and libpng write ancillary chunks. */
    public static byte[] beforeIdat(byte[] png, byte[]... chunks) {
        int at = ProducerFiles.indexOf(png, ProducerFiles.ascii("IDAT")) - 4;
        return TestImages.insert(png, at, ProducerFiles.concat(chunks));
    }

    /**
     * The PNG made an APNG as apngasm and libpng's APNG patch write it: acTL (frames, plays) before the image data and,
     * when IDAT is the first frame, its fcTL too (frames after it, fcTL and fdAT, are not needed to be one).
     */
    public static byte[] animated(byte[] png, int frames, boolean idatIsFrame) {
        int width = (int) Bytes.be32(png, 16);
        int height = (int) Bytes.be32(png, 20);
        byte[] actl = TestImages.chunk("acTL", java.nio.ByteBuffer.allocate(8).putInt(frames).putInt(0).array());
        byte[] fctl = TestImages.chunk("fcTL", java.nio.ByteBuffer.allocate(26).putInt(0).putInt(width).putInt(height)
                .putInt(0).putInt(0).putShort((short) 1).putShort((short) 10).array());
        return idatIsFrame ? beforeIdat(png, actl, fctl) : beforeIdat(png, actl);
    }

    /** A tEXt chunk: keyword, NUL, Latin-1 text (what PIL's PngInfo.add_text writes, ComfyUI's "prompt" and "workflow"). */
    public static byte[] text(String keyword, String text) {
        return TestImages.chunk("tEXt", ProducerFiles.concat(ProducerFiles.ascii(keyword + "\0"), text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** A zTXt chunk: keyword, NUL, compression method 0, the zlib-compressed text. */
    public static byte[] ztxt(String keyword, String text) {
        return TestImages.chunk("zTXt", ProducerFiles.concat(ProducerFiles.ascii(keyword + "\0"), new byte[] {0}, zlib(text.getBytes(StandardCharsets.ISO_8859_1))));
    }

    /** A compressed iTXt chunk: keyword, NUL, flag 1, method 0, empty language and translated keyword, zlib UTF-8 text. */
    public static byte[] itxt(String keyword, String text) {
        return TestImages.chunk("iTXt", ProducerFiles.concat(ProducerFiles.ascii(keyword + "\0"), new byte[] {1, 0, 0, 0}, zlib(text.getBytes(StandardCharsets.UTF_8))));
    }

    /** C2PA's manifest store in a PNG: a caBX chunk holding the JUMBF superbox. */
    public static byte[] cabx(int size) {
        return TestImages.chunk("caBX", ProducerFiles.jumbf(size));
    }

    /** An eXIf chunk (PNG 1.5 extensions): the TIFF structure without the "Exif\0\0" of JPEG's APP1. */
    public static byte[] exifChunk(int orientation) {
        byte[] app1 = ProducerFiles.exif(orientation, false, new byte[0]);
        byte[] tiff = new byte[app1.length - 10];
        System.arraycopy(app1, 10, tiff, 0, tiff.length);
        return TestImages.chunk("eXIf", tiff);
    }

    /** An iCCP chunk: a profile name, NUL, compression method 0, the zlib-compressed profile. */
    public static byte[] iccp(int size) {
        return TestImages.chunk("iCCP", ProducerFiles.concat(ProducerFiles.ascii("ICC Profile\0"), new byte[] {0}, zlib(ProducerFiles.iccProfile(size))));
    }

    /**
     * ComfyUI's workflow JSON of about {@code size} characters: nodes with their widgets' values, as its SaveImage
     * node embeds it (and the "prompt" beside it).
     */
    public static String comfyWorkflow(int size) {
        StringBuilder s = new StringBuilder("{\"last_node_id\": 9, \"nodes\": [");
        for (int i = 0; s.length() < size; i++) {
            s.append(i == 0 ? "" : ", ").append("{\"id\": ").append(i).append(", \"type\": \"CLIPTextEncode\", \"pos\": [")
                    .append(413 + i).append(", 389], \"widgets_values\": [\"portrait photo of a woman, natural skin, pores, ")
                    .append("film grain, 85mm, soft window light, seed ").append(156680208700286L + i).append("\"]}");
        }
        return s.append("]}").toString();
    }

    private static byte[] zlib(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        return out.toByteArray();
    }
}
