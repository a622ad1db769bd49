package io.realskin.imaging;

import static io.realskin.imaging.ProducerFiles.indexOf;
import static io.realskin.imaging.ProducerFiles.xmpPacket;
import static io.realskin.imaging.ProducerPreviews.IMAGE_NS;
import static io.realskin.imaging.ProducerPreviews.XMP_NS;
import static io.realskin.imaging.ProducerPreviews.base64Lines;
import static io.realskin.imaging.ProducerPreviews.thumbnailsElement;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * XMP loses its thumbnails, found by namespace whatever the prefix, as elements or as attributes, and keeps every
 * other byte of the packet; a packet that cannot be read as XML safely is dropped; extended XMP is dropped.
 */
class EmbeddedPreviewsXmpTest {
    private static final byte[] THUMBNAIL = TestImages.jpeg(40, 30, false, false, 0);
    /** How the thumbnail's start stands in the packet (FF D8 FF in base64). */
    private static final byte[] BASE64_START = ProducerFiles.ascii(Base64.getEncoder().encodeToString(THUMBNAIL).substring(0, 40));
    private static final String OTHERS = "<dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator>"
            + "<photoshop:Credit>Studio &amp; Co</photoshop:Credit>";

    private static String description(String namespaces, String attributes, String properties) {
        return "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" " + namespaces + attributes + ">\n"
                + properties + "\n</rdf:Description>";
    }

    @Test
    void photoshopsThumbnailGoesWithItsItemAndEveryOtherByteOfThePacketStays() {
        String ns = "xmlns:xap=\"" + XMP_NS + "\" xmlns:xapGImg=\"" + IMAGE_NS + "\"";
        byte[] in = xmpPacket(description(ns, " xap:CreatorTool=\"Adobe Photoshop CS2\"",
                OTHERS + thumbnailsElement("xap", "xapGImg", THUMBNAIL)));
        byte[] out = EmbeddedPreviews.remove(in);
        assertArrayEquals(xmpPacket(description(ns, " xap:CreatorTool=\"Adobe Photoshop CS2\"", OTHERS)), out,
                "the packet without the property, its length field set to its new size");
        assertEquals(-1, indexOf(out, BASE64_START));
    }

    /** Prefixes are the packet's own: the namespace says what a name is, here bound on the property itself. */
    @Test
    void aThumbnailIsFoundByItsNamespaceWhateverPrefixNamesIt() {
        String decoy = "<xmp:Thumbnails xmlns:xmp=\"http://example.com/not-xmp-basic/\">kept</xmp:Thumbnails>";
        String renamed = "<a:Thumbnails xmlns:a=\"" + XMP_NS + "\" xmlns:i=\"" + IMAGE_NS + "\">"
                + thumbnailsElement("a", "i", THUMBNAIL).substring("<a:Thumbnails>".length());
        byte[] out = EmbeddedPreviews.remove(xmpPacket(description("", "", OTHERS + renamed + decoy)));
        assertArrayEquals(xmpPacket(description("", "", OTHERS + decoy)), out);

        String byReference = "<t:image xmlns:t=\"http&#x3A;//ns.adobe.com/xap/1.0/g/img&#47;\">" + base64Lines(THUMBNAIL) + "</t:image>";
        assertArrayEquals(xmpPacket(description("", "", OTHERS)),
                EmbeddedPreviews.remove(xmpPacket(description("", "", OTHERS + byReference))),
                "a namespace written with character references is the same namespace");
    }

    /** The compact form: an item's fields as attributes (an InDesign page's thumbnail), the property as an attribute. */
    @Test
    void thumbnailsWrittenAsAttributesGoAndTheirElementsStay() {
        String ns = "xmlns:xmp=\"" + XMP_NS + "\" xmlns:xmpGImg=\"" + IMAGE_NS + "\" xmlns:xmpTPg=\"http://ns.adobe.com/xap/1.0/t/pg/\"";
        String image = Base64.getEncoder().encodeToString(THUMBNAIL);
        String page = "<xmpTPg:PageInfo><rdf:Seq><rdf:li xmpGImg:width=\"256\"\n  xmpGImg:image=\"" + image + "\" xmpGImg:format=\"JPEG\"/>"
                + "</rdf:Seq></xmpTPg:PageInfo>";
        String pageWithout = "<xmpTPg:PageInfo><rdf:Seq><rdf:li xmpGImg:width=\"256\" xmpGImg:format=\"JPEG\"/>"
                + "</rdf:Seq></xmpTPg:PageInfo>";
        byte[] out = EmbeddedPreviews.remove(xmpPacket(description(ns, " xmp:Thumbnails='" + image + "' xmp:Rating=\"5\"", OTHERS + page)));
        assertArrayEquals(xmpPacket(description(ns, " xmp:Rating=\"5\"", OTHERS + pageWithout)), out);
    }

    /** Extended XMP is not carried (see below), so the main packet no longer names it. */
    @Test
    void theMainPacketNoLongerNamesAnExtendedPacket() {
        String note = "xmlns:xmpNote=\"http://ns.adobe.com/xmp/note/\"";
        byte[] out = EmbeddedPreviews.remove(xmpPacket(description(note, " xmpNote:HasExtendedXMP=\"0123456789ABCDEF0123456789ABCDEF\"", OTHERS)));
        assertArrayEquals(xmpPacket(description(note, "", OTHERS)), out);
    }

    /** A chunk is cut at any byte, so a thumbnail can straddle two segments: none can be rewritten alone. */
    @Test
    void extendedXmpIsDroppedWhole() {
        String extended = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + description("xmlns:GImage=\"http://ns.google.com/photos/1.0/image/\"", " GImage:Mime=\"image/jpeg\"",
                        "<GImage:Data>" + Base64.getEncoder().encodeToString(TestImages.jpeg(1600, 1200, false, false, 0))
                                + "</GImage:Data>") + "</rdf:RDF></x:xmpmeta>";
        List<byte[]> chunks = ProducerPreviews.split(
                ProducerPreviews.extendedXmp("0123456789ABCDEF0123456789ABCDEF", extended.getBytes(StandardCharsets.UTF_8)));
        assertTrue(chunks.size() >= 2, "the picture over two chunks");
        for (byte[] chunk : chunks) assertNull(EmbeddedPreviews.remove(chunk));
    }

    @Test
    void aPacketThatCannotBeReadSafelyIsDroppedWhole() {
        String ns = "xmlns:xmp=\"" + XMP_NS + "\"";
        String[] unreadable = {
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + description(ns, "", OTHERS),
            description(ns, "", OTHERS + "<xmp:Label>open"),
            description(ns, "", OTHERS + "<xmp:Label>a</xmp:Rating>"),
            description(ns, "", OTHERS + "<nobody:Label>unbound</nobody:Label>"),
            description(ns, " xmp:Label=\"&custom;\"", OTHERS),
            description(ns, " xmp:Label=\"not closed", OTHERS),
            description(ns + " xmlns:cam=\"http://example.com/camera/\"", "", OTHERS + "<cam:Preview>" + base64Lines(THUMBNAIL) + "</cam:Preview>"),
        };
        for (String d : unreadable) assertNull(EmbeddedPreviews.remove(xmpPacket(d)), d.substring(0, Math.min(120, d.length())));
        byte[] utf16 = ProducerFiles.segment(0xE1, ProducerFiles.concat(ProducerFiles.ascii(XMP_NS + "\0"),
                ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>").getBytes(StandardCharsets.UTF_16BE)));
        assertNull(EmbeddedPreviews.remove(utf16), "UTF-16, which XMP in JPEG is not");
        byte[] plain = xmpPacket(description(ns, " xmp:Rating=\"5\"", OTHERS));
        assertSame(plain, EmbeddedPreviews.remove(plain), "without a thumbnail: as it was");
        byte[] nulEnded = EmbeddedPreviews.sized(ProducerFiles.concat(plain, new byte[3]));
        assertSame(nulEnded, EmbeddedPreviews.remove(nulEnded), "NULs after the packet, as some writers leave them, are no reason to drop it");
    }
}
