package io.realskin.imaging;

import static io.realskin.imaging.ProducerFiles.ascii;
import static io.realskin.imaging.ProducerFiles.concat;
import static io.realskin.imaging.ProducerFiles.segment;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The previews producers keep outside EXIF's IFD1 and Photoshop's thumbnail resources, as they write them: XMP's
 * thumbnail property (Photoshop, Bridge, Lightroom), extended XMP (a packet too big for one segment: Photoshop's, a
 * Google Camera Lens Blur photo's picture before the blur), FlashPix extension streams in APP2 (Kodak's and Fujifilm's cameras), Samsung's
 * headerless APP2 preview, a maker note's preview inside the EXIF block.
 */
public final class ProducerPreviews {
    public static final String XMP_NS = "http://ns.adobe.com/xap/1.0/";
    public static final String IMAGE_NS = "http://ns.adobe.com/xap/1.0/g/img/";

    private ProducerPreviews() {
    }

    /**
     * The XMP basic Thumbnails property as Photoshop writes it, under the prefixes given (bound on the enclosing
     * rdf:Description): an Alt of one item, its format, size and the JPEG in base64, 76 characters a line, each line
     * ended by a character reference ({@code &#xA;}).
     */
    public static String thumbnailsElement(String xmp, String img, byte[] jpeg) {
        return "<" + xmp + ":Thumbnails><rdf:Alt><rdf:li rdf:parseType=\"Resource\">"
                + "<" + img + ":format>JPEG</" + img + ":format><" + img + ":width>256</" + img + ":width>"
                + "<" + img + ":height>192</" + img + ":height><" + img + ":image>" + base64Lines(jpeg) + "</" + img + ":image>"
                + "</rdf:li></rdf:Alt></" + xmp + ":Thumbnails>";
    }

    /** Base64 in lines of 76 characters, each line ended by {@code &#xA;} (a line feed written as a reference). */
    public static String base64Lines(byte[] data) {
        String b64 = Base64.getEncoder().encodeToString(data);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b64.length(); i += 76) {
            s.append(b64, i, Math.min(b64.length(), i + 76)).append("&#xA;");
        }
        return s.toString();
    }

    /**
     * Extended XMP (XMP part 3, 1.1.3.1): APP1 segments of "http://ns.adobe.com/xmp/extension/\0", the GUID (the
     * extended packet's MD5 in 32 hex digits), the packet's full length, this chunk's offset in it, the chunk.
     */
    public static byte[] extendedXmp(String guid, byte[] packet) {
        int per = 65_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int from = 0; from < packet.length; from += per) {
            byte[] chunk = Arrays.copyOfRange(packet, from, Math.min(packet.length, from + per));
            ByteBuffer head = ByteBuffer.allocate(8).putInt(packet.length).putInt(from);
            out.writeBytes(segment(0xE1, concat(ascii("http://ns.adobe.com/xmp/extension/\0"), ascii(guid), head.array(), chunk)));
        }
        return out.toByteArray();
    }

    /**
     * FlashPix extension data (Exif 2.2, "FlashPix extension data"): APP2 segments of "FPXR\0", version 0, then a
     * contents list (type 1: the entries' count, each entry's size, default value and UTF-16 name; a storage's size is
     * 0xFFFFFFFF and a class id follows its name) and the stream's data (type 2: its index in the list, the offset of
     * this part in the stream, the part).
     */
    public static byte[] flashPix(byte[] stream) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        list.writeBytes(new byte[] {0, 2});
        list.writeBytes(entry(0xFFFF_FFFFL, "/Data Object Store 000001"));
        list.writeBytes(new byte[16]); // the storage's class id
        list.writeBytes(entry(stream.length, "/Data Object Store 000001/Screen Nail"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(segment(0xE2, concat(ascii("FPXR\0"), new byte[] {0, 1}, list.toByteArray())));
        int per = 60_000;
        for (int from = 0; from < stream.length; from += per) {
            ByteBuffer head = ByteBuffer.allocate(6).putShort((short) 1).putInt(from);
            byte[] part = Arrays.copyOfRange(stream, from, Math.min(stream.length, from + per));
            out.writeBytes(segment(0xE2, concat(ascii("FPXR\0"), new byte[] {0, 2}, head.array(), part)));
        }
        return out.toByteArray();
    }

    /**
     * An APP1 Exif segment as a Minolta DiMAGE writes it: IFD0 (Make, Orientation, the Exif IFD), the Exif IFD
     * (DateTimeOriginal, MakerNote), the maker note a plain IFD (its version "MLY0", then the preview's offset and
     * length from the TIFF header, tags 0x0088 and 0x0089), the preview JPEG after the IFDs, outside the maker note's
     * own bytes, and IFD1 with its thumbnail at the end.
     */
    public static byte[] makerNotePreview(int orientation, boolean littleEndian, byte[] preview, byte[] thumbnail) {
        TiffWriter t = new TiffWriter(littleEndian, 2048 + preview.length + thumbnail.length);
        int ifd0 = t.pos();
        int[] ifd0Slots = t.ifd(new int[][] {{0x010F, 2, 8}, {0x0112, 3, 1}, {0x8769, 4, 1}});
        t.asciiAt(ifd0Slots[0], "Minolta");
        t.putShortAt(ifd0Slots[1], orientation);
        t.putIntAt(ifd0Slots[2], t.pos());
        int[] exif = t.ifd(new int[][] {{0x9003, 2, 20}, {0x927C, 7, 2 + 3 * 12 + 4}});
        t.asciiAt(exif[0], "2026:12:04 10:00:00");
        TiffWriter note = new TiffWriter(littleEndian, 64);
        int[] noteSlots = note.ifd(new int[][] {{0x0000, 7, 4}, {0x0088, 4, 1}, {0x0089, 4, 1}});
        note.bytesAt(noteSlots[0], ascii("MLY0"));
        note.putIntAt(noteSlots[1], t.pos());
        note.putIntAt(noteSlots[2], preview.length);
        t.bytesAt(exif[1], Arrays.copyOfRange(note.bytes(), 8, 8 + 2 + 3 * 12 + 4));
        t.raw(preview);
        t.raw(new byte[t.pos() & 1]);
        ProducerFiles.thumbnailIfd(t, ifd0, thumbnail, false);
        return segment(0xE1, concat(ascii("Exif\0\0"), t.bytes()));
    }

    /** A preview as Samsung's cameras store one too big for APP1: cut into APP2 segments, the JPEG's bytes and no header. */
    public static byte[] samsungApp2Preview(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int from = 0; from < jpeg.length; from += 65_000) {
            out.writeBytes(segment(0xE2, Arrays.copyOfRange(jpeg, from, Math.min(jpeg.length, from + 65_000))));
        }
        return out.toByteArray();
    }

    /** Marker segments one after the other, each on its own. */
    public static List<byte[]> split(byte[] segments) {
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < segments.length; ) {
            int end = at + 2 + ((segments[at + 2] & 0xFF) << 8 | segments[at + 3] & 0xFF);
            out.add(Arrays.copyOfRange(segments, at, end));
            at = end;
        }
        return out;
    }

    private static byte[] entry(long size, String name) {
        return concat(ByteBuffer.allocate(5).putInt((int) size).put((byte) 0).array(),
                (name + "\0").getBytes(StandardCharsets.UTF_16LE));
    }
}
