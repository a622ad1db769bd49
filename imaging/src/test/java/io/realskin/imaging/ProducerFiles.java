package io.realskin.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;

/**
 * The metadata real producers put around an image, spliced into small images at test time, byte by byte as the
 * producers write it: cameras' and phones' JPEG segments (Exif with GPS and a thumbnail, XMP, ICC profiles split over
 * APP2 segments, MPF with a second image after the EOI, C2PA's APP11 JUMBF, Photoshop's APP13 resources), what phones
 * append after the EOI (Samsung's SEFT trailer, a Pixel motion photo's MP4), generators' PNG chunks (in
 * {@link ProducerPngs}) and WebP's extended format ({@link ProducerWebps}).
 */
public final class ProducerFiles {
    /** Exif 2.32's GPS IFD as a phone writes it: 48°51'29.6"N 2°17'40.2"E. */
    public static final int[][] GPS_LATITUDE = {{48, 1}, {51, 1}, {296, 10}};

    private ProducerFiles() {
    }

    // ------------------------------------------------------------------ JPEG segments

    /** A marker segment: 0xFF, the marker, the length (2 + payload), the payload. */
    public static byte[] segment(int marker, byte[] payload) {
        if (payload.length + 2 > 0xFFFF) throw new IllegalArgumentException("segment payload of " + payload.length + " bytes");
        return ByteBuffer.allocate(4 + payload.length).put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2))
                .put(payload).array();
    }

    /**
     * An APP1 Exif segment as a phone writes it (CIPA DC-008): "Exif\0\0", a TIFF header in the given byte order, IFD0
     * (Make, Orientation, the Exif and GPS IFD pointers), the Exif IFD (DateTimeOriginal), the GPS IFD (latitude and
     * longitude with their references), and IFD1 pointing at a JPEG thumbnail that follows the IFDs.
     */
    public static byte[] exif(int orientation, boolean littleEndian, byte[] thumbnail) {
        return exif(orientation, littleEndian, thumbnail, false, false);
    }

    /**
     * {@link #exif(int, boolean, byte[])} with IFD1 and the thumbnail right after IFD0, before the Exif and GPS IFDs
     * ({@code thumbnailFirst}), and an uncompressed thumbnail: one row of RGB pixels in one strip ({@code rgbStrip}).
     */
    public static byte[] exif(int orientation, boolean littleEndian, byte[] thumbnail, boolean thumbnailFirst, boolean rgbStrip) {
        TiffWriter t = new TiffWriter(littleEndian, 1024 + thumbnail.length);
        int ifd0 = t.pos();
        int[] ifd0Slots = t.ifd(new int[][] {{0x010F, 2, 7}, {0x0112, 3, 1}, {0x8769, 4, 1}, {0x8825, 4, 1}});
        t.asciiAt(ifd0Slots[0], "Google");
        t.putShortAt(ifd0Slots[1], orientation);
        if (thumbnailFirst) {
            thumbnailIfd(t, ifd0, thumbnail, rgbStrip);
            t.raw(new byte[t.pos() & 1]); // the next IFD on a word boundary
        }
        int exifIfd = t.pos();
        t.putIntAt(ifd0Slots[2], exifIfd);
        int[] exifSlots = t.ifd(new int[][] {{0x9003, 2, 20}});
        t.asciiAt(exifSlots[0], "2026:12:04 10:00:00");
        t.putIntAt(ifd0Slots[3], t.pos());
        int[] gps = t.ifd(new int[][] {{0x0000, 1, 4}, {0x0001, 2, 2}, {0x0002, 5, 3}, {0x0003, 2, 2}, {0x0004, 5, 3}});
        t.bytesAt(gps[0], new byte[] {2, 3, 0, 0});
        t.asciiAt(gps[1], "N");
        t.rationals(gps[2], GPS_LATITUDE);
        t.asciiAt(gps[3], "E");
        t.rationals(gps[4], new int[][] {{2, 1}, {17, 1}, {402, 10}});
        if (!thumbnailFirst) thumbnailIfd(t, ifd0, thumbnail, rgbStrip);
        return segment(0xE1, concat(ascii("Exif\0\0"), t.bytes()));
    }

    /** IFD1, linked from IFD0, and the thumbnail after it: a JPEG (JPEGInterchangeFormat) or RGB samples in one strip. */
    static void thumbnailIfd(TiffWriter t, int ifd0, byte[] thumbnail, boolean rgbStrip) {
        t.putIntAt(t.nextIfdSlot(ifd0), t.pos());
        if (rgbStrip) {
            int[] s = t.ifd(new int[][] {{0x0100, 4, 1}, {0x0101, 3, 1}, {0x0103, 3, 1}, {0x0106, 3, 1}, {0x0111, 4, 1},
                {0x0115, 3, 1}, {0x0117, 4, 1}});
            t.putIntAt(s[0], thumbnail.length / 3);
            t.putShortAt(s[1], 1);
            t.putShortAt(s[2], 1);
            t.putShortAt(s[3], 2);
            t.putIntAt(s[4], t.pos());
            t.putShortAt(s[5], 3);
            t.putIntAt(s[6], thumbnail.length);
        } else {
            int[] s = t.ifd(new int[][] {{0x0103, 3, 1}, {0x0201, 4, 1}, {0x0202, 4, 1}});
            t.putShortAt(s[0], 6);
            t.putIntAt(s[1], t.pos());
            t.putIntAt(s[2], thumbnail.length);
        }
        t.raw(thumbnail);
    }

    /** An APP1 XMP segment (XMP part 3): the namespace, a NUL, then the packet, with the properties given. */
    public static byte[] xmp(String properties) {
        return xmpPacket("<rdf:Description rdf:about=\"\" " + properties + "/>");
    }

    /** An APP1 XMP segment whose rdf:RDF element holds {@code descriptions}, then the packet's padding. */
    public static byte[] xmpPacket(String descriptions) {
        String packet = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + descriptions + "</rdf:RDF></x:xmpmeta>\n"
                + " ".repeat(2048) + "\n<?xpacket end=\"w\"?>";
        return segment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), packet.getBytes(StandardCharsets.UTF_8)));
    }

    /** An APP13 segment as Photoshop writes it: "Photoshop 3.0\0", then image resource blocks. */
    public static byte[] photoshopApp13(byte[]... resources) {
        return segment(0xED, concat(ascii("Photoshop 3.0\0"), concat(resources)));
    }

    /**
     * An image resource block (Photoshop File Formats, "Image resource blocks"): "8BIM", the id, a Pascal name padded
     * to an even size, the data's size, the data padded to an even size.
     */
    public static byte[] photoshopResource(int id, String name, byte[] data) {
        int nameBytes = (1 + name.length() + 1) & ~1;
        ByteBuffer b = ByteBuffer.allocate(6 + nameBytes + 4 + data.length + (data.length & 1));
        b.put(ascii("8BIM")).putShort((short) id).put((byte) name.length()).put(ascii(name));
        return b.position(6 + nameBytes).putInt(data.length).put(data).array();
    }

    /** Photoshop's thumbnail resource (0x040C): format 1 (JFIF), the size, row bytes, byte counts, 24 bits, 1 plane, the JPEG. */
    public static byte[] photoshopThumbnail(int width, int height, byte[] jpeg) {
        int rowBytes = (width * 24 + 31) / 32 * 4;
        ByteBuffer b = ByteBuffer.allocate(28 + jpeg.length).putInt(1).putInt(width).putInt(height).putInt(rowBytes)
                .putInt(rowBytes * height).putInt(jpeg.length).putShort((short) 24).putShort((short) 1).put(jpeg);
        return photoshopResource(0x040C, "", b.array());
    }

    /**
     * An ICC profile of {@code size} bytes as APP2 segments (ICC.1, B.4): "ICC_PROFILE\0", the segment's sequence
     * number from 1, the segment count, then at most 65,519 bytes of the profile each.
     */
    public static byte[] iccSegments(int size) {
        byte[] profile = iccProfile(size);
        int per = 0xFFFF - 2 - 14;
        int count = (size + per - 1) / per;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            int from = i * per;
            out.writeBytes(iccChunk(i + 1, count, Arrays.copyOfRange(profile, from, Math.min(size, from + per))));
        }
        return out.toByteArray();
    }

    /** One APP2 ICC_PROFILE segment: chunk {@code sequence} (from 1) of {@code count}, holding {@code part}. */
    public static byte[] iccChunk(int sequence, int count, byte[] part) {
        byte[] payload = new byte[14 + part.length];
        System.arraycopy(ascii("ICC_PROFILE\0"), 0, payload, 0, 12);
        payload[12] = (byte) sequence;
        payload[13] = (byte) count;
        System.arraycopy(part, 0, payload, 14, part.length);
        return segment(0xE2, payload);
    }

    /** An ICC profile's 128-byte header (its size, 'mntr' RGB to XYZ, 'acsp') and an empty tag table, padded out. */
    public static byte[] iccProfile(int size) {
        ByteBuffer p = ByteBuffer.allocate(size);
        p.putInt(size).put(ascii("lcms")).putInt(0x04300000).put(ascii("mntrRGB XYZ "));
        p.position(36);
        p.put(ascii("acsp"));
        p.position(128);
        p.putInt(0);
        byte[] out = p.array();
        for (int i = 132; i < size; i++) out[i] = (byte) (i * 7);
        return out;
    }

    /** APP14 "Adobe": version 100, flags, and the colour transform (0 none: RGB or CMYK; 1 YCbCr; 2 YCCK). */
    public static byte[] adobe(int transform) {
        return segment(0xEE, new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform});
    }

    /**
     * C2PA's manifest store in a JPEG (C2PA 1.x, "Embedding manifests into JPEG"): APP11 segments of the JPEG XT box
     * format, each "JP", a box instance number, a packet sequence number from 1, then the superbox's LBox and TBox
     * ("jumb") repeated, then the next part of the box's content. {@code size} bytes of content in segments of at
     * most 64 KB.
     */
    public static byte[] c2paApp11(int size) {
        byte[] box = jumbf(size);
        int per = 0xFFFF - 2 - 8 - 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int sequence = 1;
        for (int from = 8; from < box.length; from += per, sequence++) {
            int len = Math.min(per, box.length - from);
            ByteBuffer payload = ByteBuffer.allocate(8 + 8 + len);
            payload.put(ascii("JP")).putShort((short) 1).putInt(sequence).put(box, 0, 8).put(box, from, len);
            out.writeBytes(segment(0xEB, payload.array()));
        }
        return out.toByteArray();
    }

    /** A JUMBF superbox ("jumb") with a description box labelled "c2pa" and {@code size} bytes of CBOR-like content. */
    public static byte[] jumbf(int size) {
        byte[] label = ascii("c2pa\0");
        byte[] uuid = {0x63, 0x32, 0x70, 0x61, 0, 0x11, 0, 0x10, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};
        int jumd = 8 + 16 + 1 + label.length;
        ByteBuffer b = ByteBuffer.allocate(8 + jumd + 8 + size);
        b.putInt(b.capacity()).put(ascii("jumb"));
        b.putInt(jumd).put(ascii("jumd")).put(uuid).put((byte) 3).put(label);
        b.putInt(8 + size).put(ascii("cbor"));
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return b.put(content).array();
    }

    /**
     * The primary JPEG with an APP2 MPF segment (CIPA DC-007) after its APP segments and a second whole JPEG after
     * its EOI, as phones store a depth or gain map: an MP Index IFD (version "0100", 2 images, the MP entries), each
     * entry's size and offset (from the MPF segment's TIFF header; the primary's 0).
     */
    public static byte[] withMpf(byte[] primary, byte[] second) {
        TiffWriter t = new TiffWriter(false, 128);
        int[] slots = t.ifd(new int[][] {{0xB000, 7, 4}, {0xB001, 4, 1}, {0xB002, 7, 32}});
        t.bytesAt(slots[0], ascii("0100"));
        t.putIntAt(slots[1], 2);
        int entries = slots[2];
        byte[] payload = concat(ascii("MPF\0"), t.bytes());
        byte[] seg = segment(0xE2, payload);
        byte[] withSegment = insertAfterAppSegments(primary, seg);
        int tiffStart = indexOf(withSegment, ascii("MPF\0")) + 4;
        ByteBuffer e = ByteBuffer.wrap(withSegment).order(ByteOrder.BIG_ENDIAN);
        int at = tiffStart + entries;
        e.putInt(at, 0x20030000).putInt(at + 4, withSegment.length).putInt(at + 8, 0);
        e.putInt(at + 16, 0x00000000).putInt(at + 20, second.length).putInt(at + 24, withSegment.length - tiffStart);
        return concat(withSegment, second);
    }

    /** Samsung's trailer after the EOI: SEF data blocks, a SEFH directory, its length and "SEFT". */
    public static byte[] seftTrailer() {
        byte[] block = concat(new byte[] {0, 0, 0x31, 0x0A}, ascii("Image_UTC_Data1733306400000"));
        ByteBuffer dir = ByteBuffer.allocate(8 + 4 + 12).order(ByteOrder.LITTLE_ENDIAN);
        dir.put(ascii("SEFH")).putInt(106).putInt(1).putShort((short) 0).putShort((short) 0x0A01).putInt(block.length + 24).putInt(block.length);
        byte[] d = dir.array();
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(d.length).put(ascii("SEFT"));
        return concat(block, d, tail.array());
    }

    /** A Pixel motion photo's video after the EOI: an MP4 (ftyp, then an mdat of {@code mdatBytes} random bytes). */
    public static byte[] motionPhotoMp4(int mdatBytes) {
        ByteBuffer ftyp = ByteBuffer.allocate(24).putInt(24).put(ascii("ftypisom")).putInt(0x200).put(ascii("isomiso2"));
        byte[] data = new byte[mdatBytes];
        new Random(mdatBytes).nextBytes(data);
        ByteBuffer mdat = ByteBuffer.allocate(8).putInt(8 + mdatBytes).put(ascii("mdat"));
        return concat(ftyp.array(), mdat.array(), data);
    }

    /** The XMP a Pixel writes for a motion photo: the video's length from the end of the file (Camera XMP). */
    public static String motionPhotoXmp(int videoLength) {
        return "xmlns:GCamera=\"http://ns.google.com/photos/1.0/camera/\" GCamera:MotionPhoto=\"1\" "
                + "GCamera:MotionPhotoVersion=\"1\" GCamera:MotionPhotoPresentationTimestampUs=\"968000\" "
                + "GCamera:MicroVideoOffset=\"" + videoLength + "\"";
    }

    /** The JPEG with the segments inserted after SOI and its APPn segments (where cameras put the ones after JFIF/Exif). */
    public static byte[] insertAfterAppSegments(byte[] jpeg, byte[] segments) {
        int pos = 2;
        while ((jpeg[pos] & 0xFF) == 0xFF && (jpeg[pos + 1] & 0xF0) == 0xE0) {
            pos += 2 + ((jpeg[pos + 2] & 0xFF) << 8 | jpeg[pos + 3] & 0xFF);
        }
        return TestImages.insert(jpeg, pos, segments);
    }

    /** The JPEG with its first frame header's precision byte set (8 or 12) and its marker (0xC0..0xCF). */
    public static byte[] withFrame(byte[] jpeg, int marker, int precision) {
        byte[] out = jpeg.clone();
        int sof = -1;
        for (int m : new int[] {0xC0, 0xC1, 0xC2}) {
            int at = TestImages.indexOf(out, m);
            if (at >= 0 && (sof < 0 || at < sof)) sof = at;
        }
        out[sof + 1] = (byte) marker;
        out[sof + 4] = (byte) precision;
        return out;
    }

    /**
     * A colour JPEG written by javax.imageio with its luma sampled {@code h} x {@code v} against the chroma (2x1 is
     * 4:2:2, 1x2 is 4:4:0, 1x1 is 4:4:4), as cameras write 4:2:2.
     */
    public static byte[] jpegSampled(int width, int height, int h, int v) {
        BufferedImage img = TestImages.gradient(width, height, false);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode luma = (IIOMetadataNode) root.getElementsByTagName("componentSpec").item(0);
        luma.setAttribute("HsamplingFactor", Integer.toString(h));
        luma.setAttribute("VsamplingFactor", Integer.toString(v));
        try {
            metadata.setFromTree(format, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestImages.write(writer, new IIOImage(img, null, metadata), param);
    }

    /**
     * A four-component JPEG as Photoshop writes one: javax.imageio codes a 4-band raster (its default marker sequence
     * holds an APP14 Adobe segment), whose transform flag is set to {@code transform} (0 CMYK, 2 YCCK).
     */
    public static byte[] jpegFourComponents(int width, int height, int transform) {
        WritableRaster raster = WritableRaster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        Random random = new Random(4);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {x * 255 / width, y * 255 / height, random.nextInt(40), 30});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        byte[] jpeg = TestImages.write(writer, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        int app14 = TestImages.indexOf(jpeg, 0xEE);
        if (app14 < 0) {
            return TestImages.insertAfterSoi(jpeg, adobe(transform));
        }
        jpeg[app14 + 15] = (byte) transform;
        return jpeg;
    }

    /**
     * A four-component JPEG of one colour: the samples {@code stored} (C, M, Y, K as an Adobe file stores them,
     * inverted: 255 is no ink), coded as they are for transform 0 (CMYK) or with C, M, Y turned into YCbCr for
     * transform 2 (YCCK: the YCbCr of the RGB 255 - C, 255 - M, 255 - Y, as libjpeg's YCCK conversion undoes it).
     */
    public static byte[] jpegFourComponents(int width, int height, int transform, int[] stored) {
        int[] samples = stored.clone();
        if (transform == 2) {
            double r = 255 - stored[0], g = 255 - stored[1], b = 255 - stored[2];
            samples[0] = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            samples[1] = (int) Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
            samples[2] = (int) Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        }
        WritableRaster raster = WritableRaster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) raster.setPixel(x, y, samples);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        byte[] jpeg = TestImages.write(writer, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        int app14 = TestImages.indexOf(jpeg, 0xEE);
        if (app14 < 0) return TestImages.insertAfterSoi(jpeg, adobe(transform));
        jpeg[app14 + 15] = (byte) transform;
        return jpeg;
    }

    // ------------------------------------------------------------------ formats the product does not take

    /** The first bytes of an ISO BMFF image (HEIF, ISO/IEC 23008-12): a ftyp box with that major brand, then meta. */
    public static byte[] isoBmff(String brand) {
        ByteBuffer b = ByteBuffer.allocate(64).putInt(24).put(ascii("ftyp")).put(ascii(brand)).putInt(0)
                .put(ascii("mif1")).put(ascii(brand)).putInt(40).put(ascii("meta")).putInt(0);
        return b.array();
    }

    /** A 1x1 GIF89a. */
    public static byte[] gif() {
        return concat(ascii("GIF89a"), new byte[] {1, 0, 1, 0, (byte) 0x80, 0, 0, 0, 0, 0, -1, -1, -1, 0x2C, 0, 0, 0, 0, 1, 0, 1,
            0, 0, 2, 2, 0x44, 1, 0, 0x3B});
    }

    // ------------------------------------------------------------------ bytes

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

}
