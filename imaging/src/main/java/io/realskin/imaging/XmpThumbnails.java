package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * An APP1 XMP segment without its thumbnails (XMP part 2, "Thumbnails"; XMP part 1, "RDF"): the XMP basic
 * {@code Thumbnails} property and every {@code image} of the xmpGImg namespace (a base64 JPEG: a thumbnail's, or an
 * InDesign page's in {@code xmpTPg:PageInfo}), each as an element with all it holds or as an attribute, whatever prefix
 * the packet binds to their namespaces ({@code xmp:}, {@code xap:}, {@code xmpGImg:}, {@code xapGImg:}, or any other).
 * {@code xmpNote:HasExtendedXMP} goes too, since extended XMP is not carried ({@link EmbeddedPreviews}). Every other
 * byte of the packet, its padding included, is kept in its order. Or, asked for that ({@link #withoutGps}), without
 * where the photo was taken: the GPS properties of the Exif schemas and of IPTC's locations ({@code exif:GPSLatitude},
 * {@code exifEX:GPSHPositioningError}, {@code Iptc4xmpExt:GPSLongitude}: every property of those namespaces whose
 * name starts with "GPS") and a vendor's own (DJI's {@code drone-dji:GpsLatitude}: every property of any other
 * namespace whose name starts with "GPS" in any case).
 */
final class XmpThumbnails implements XmlTags.Handler {
    private static final String XMP = "http://ns.adobe.com/xap/1.0/";
    private static final String IMAGE = "http://ns.adobe.com/xap/1.0/g/img/";
    private static final String NOTE = "http://ns.adobe.com/xmp/note/";
    /** The properties removed, as namespace URI and local name. */
    private static final Set<String> REMOVED = Set.of(XMP + " Thumbnails", IMAGE + " image", NOTE + " HasExtendedXMP");
    /** The namespaces whose "GPS" properties say where: Exif's in XMP, CIPA's Exif 2.3 one, IPTC Extension's. */
    private static final Set<String> GPS_NAMESPACES = Set.of("http://ns.adobe.com/exif/1.0/", "http://cipa.jp/exif/1.0/",
            "http://iptc.org/std/Iptc4xmpExt/2008-02-29/");
    /** A base64 JPEG starts so (FF D8 FF): one still in the packet stands under a name not known here. */
    private static final String TIFF = "http://ns.adobe.com/tiff/1.0/";
    private static final byte[] BASE64_JPEG = {'/', '9', 'j', '/'};

    /** Each bound prefix's namespaces, innermost first; the prefixes each open element bound, innermost first. */
    private final Map<String, Deque<String>> bindings = new HashMap<>();
    private final Deque<List<String>> bound = new ArrayDeque<>();
    private final List<int[]> cuts = new ArrayList<>();
    /** How deep inside a removed element the scan is (0: outside), and where that element began. */
    private int removedDepth;
    private int removedFrom;
    /** Whether a property (its namespace URI and local name) is what is removed. */
    private final BiPredicate<String, String> removes;

    private XmpThumbnails(BiPredicate<String, String> removes) {
        this.removes = removes;
        bind("xml", "http://www.w3.org/XML/1998/namespace");
    }

    /**
     * @param header the length of the identifier after the segment's length field ("http://ns.adobe.com/xap/1.0/\0")
     * @return the segment itself when it has no thumbnail, else a new one without them
     * @throws IllegalArgumentException when the packet is not well-formed XML ({@link XmlTags}), uses a prefix it does
     *                                  not bind, or still holds a base64 JPEG after the thumbnails are gone
     */
    static byte[] remove(byte[] segment, int header) {
        return remove(segment, header, (uri, name) -> REMOVED.contains(uri + " " + name));
    }

    /** {@link #remove} for the GPS properties instead of the thumbnails. */
    static byte[] withoutGps(byte[] segment, int header) {
        return remove(segment, header, (uri, name) -> GPS_NAMESPACES.contains(uri) ? name.startsWith("GPS")
                : name.regionMatches(true, 0, "gps", 0, 3));
    }

    /**
     * {@link #remove} for the TIFF schema's {@code Orientation} instead of the thumbnails: for pixels turned upright,
     * whose EXIF orientation says 1, so that no reader takes the packet's old value over it.
     */
    static byte[] withoutOrientation(byte[] segment, int header) {
        return remove(segment, header, (uri, name) -> uri.equals(TIFF) && name.equals("Orientation"));
    }

    private static byte[] remove(byte[] segment, int header, BiPredicate<String, String> removes) {
        int from = 4 + header;
        int to = segment.length;
        while (to > from && segment[to - 1] == 0) to--; // some writers end the packet with NULs: not XML, not a preview
        XmpThumbnails x = new XmpThumbnails(removes);
        XmlTags.scan(segment, from, to, x);
        byte[] out = segment;
        if (!x.cuts.isEmpty()) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream(segment.length);
            int at = 0;
            for (int[] cut : x.cuts) {
                kept.write(segment, at, cut[0] - at);
                at = cut[1];
            }
            kept.write(segment, at, segment.length - at);
            out = EmbeddedPreviews.sized(kept.toByteArray());
        }
        for (int i = from; i + BASE64_JPEG.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + BASE64_JPEG.length, BASE64_JPEG, 0, BASE64_JPEG.length)) {
                throw new IllegalArgumentException("a base64 JPEG at " + i + " under a property not known here");
            }
        }
        return out;
    }

    @Override
    public void start(String name, List<XmlTags.Attribute> attributes, int from, int to, boolean empty) {
        if (removedDepth > 0) {
            if (!empty) removedDepth++;
            return;
        }
        List<String> prefixes = new ArrayList<>();
        for (XmlTags.Attribute a : attributes) {
            if (!declaration(a)) continue;
            String prefix = a.name().equals("xmlns") ? "" : a.name().substring(6);
            bind(prefix, a.value());
            prefixes.add(prefix);
        }
        if (removed(name, true)) {
            if (empty) {
                cuts.add(new int[] {from, to});
            } else {
                removedDepth = 1;
                removedFrom = from;
            }
        } else {
            for (XmlTags.Attribute a : attributes) {
                if (!declaration(a) && removed(a.name(), false)) cuts.add(new int[] {a.from(), a.to()});
            }
        }
        if (empty || removedDepth > 0) {
            unbind(prefixes); // nothing inside looks them up
        } else {
            bound.push(prefixes);
        }
    }

    @Override
    public void end(int from, int to) {
        if (removedDepth > 0) {
            if (--removedDepth == 0) cuts.add(new int[] {removedFrom, to});
        } else {
            unbind(bound.pop());
        }
    }

    private static boolean declaration(XmlTags.Attribute a) {
        return a.name().equals("xmlns") || a.name().startsWith("xmlns:");
    }

    private void bind(String prefix, String uri) {
        bindings.computeIfAbsent(prefix, p -> new ArrayDeque<>()).push(uri);
    }

    private void unbind(List<String> prefixes) {
        for (String prefix : prefixes) bindings.get(prefix).pop();
    }

    /** Whether a qualified name is a removed property; an unprefixed attribute is in no namespace. */
    private boolean removed(String qualifiedName, boolean element) {
        int colon = qualifiedName.indexOf(':');
        String prefix = colon < 0 ? "" : qualifiedName.substring(0, colon);
        if (colon < 0 && !element) return false;
        Deque<String> uris = bindings.get(prefix);
        String uri = uris == null ? null : uris.peek();
        if (uri == null) {
            if (colon < 0) return false; // no default namespace
            throw new IllegalArgumentException("prefix " + prefix + " is not bound");
        }
        String name = qualifiedName.substring(colon + 1);
        return removes.test(uri, name);
    }
}
