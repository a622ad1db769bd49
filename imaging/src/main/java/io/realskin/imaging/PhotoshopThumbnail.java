package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.util.Set;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.be16;
import static io.realskin.imaging.Bytes.be32;
import static io.realskin.imaging.Bytes.u8;

/**
 * An APP13 "Photoshop 3.0" segment without its thumbnail resources (Photoshop File Formats, "Image resource blocks"):
 * 0x0409 (Photoshop 4.0's thumbnail) and 0x040C (Photoshop 5.0's and later), each a JPEG of the image. Every other
 * resource (IPTC, resolution, slices, ...) is copied byte for byte, in its order. Or, asked for that
 * ({@link #withoutMetadataCopies}), without the copies of other metadata Photoshop keeps there: 0x0422 and 0x0423
 * (EXIF) and 0x0424 (XMP), which can say where the photo was taken.
 */
final class PhotoshopThumbnail {
    private static final Set<Integer> THUMBNAILS = Set.of(0x0409, 0x040C);
    private static final Set<Integer> METADATA_COPIES = Set.of(0x0422, 0x0423, 0x0424);
    /** The block signatures Photoshop and its plug-ins write ("8BIM" almost always). */
    private static final Set<String> SIGNATURES = Set.of("8BIM", "PHUT", "AgHg", "DCSR", "MeSa");

    private PhotoshopThumbnail() {
    }

    /**
     * @param header the length of the identifier after the segment's length field ("Photoshop 3.0\0")
     * @return the segment itself when it has no thumbnail resource, else a new one without them
     * @throws IllegalArgumentException when the blocks do not fill the segment exactly (one cut short, an unknown
     *                                  signature, or a resource continued in the next APP13 segment)
     */
    static byte[] remove(byte[] segment, int header) {
        return remove(segment, header, THUMBNAILS);
    }

    /** {@link #remove} for the EXIF and XMP copies instead of the thumbnails. */
    static byte[] withoutMetadataCopies(byte[] segment, int header) {
        return remove(segment, header, METADATA_COPIES);
    }

    private static byte[] remove(byte[] segment, int header, Set<Integer> ids) {
        int pos = 4 + header;
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length);
        out.write(segment, 0, pos);
        boolean removed = false;
        while (pos < segment.length) {
            if (pos + 12 > segment.length || !SIGNATURES.contains(ascii(segment, pos, 4))) {
                throw new IllegalArgumentException("no image resource block at " + pos);
            }
            int id = be16(segment, pos + 4);
            int name = (1 + u8(segment, pos + 6) + 1) & ~1; // a Pascal string padded to an even size
            int sizeAt = pos + 6 + name;
            if (sizeAt + 4 > segment.length) throw new IllegalArgumentException("image resource cut short");
            long size = be32(segment, sizeAt);
            long end = sizeAt + 4 + size;
            if (end > segment.length) throw new IllegalArgumentException("image resource cut short");
            end = Math.min(segment.length, end + (size & 1)); // data padded to an even size; the last pad may be missing
            if (ids.contains(id)) {
                removed = true;
            } else {
                out.write(segment, pos, (int) end - pos);
            }
            pos = (int) end;
        }
        return removed ? EmbeddedPreviews.sized(out.toByteArray()) : segment;
    }
}
