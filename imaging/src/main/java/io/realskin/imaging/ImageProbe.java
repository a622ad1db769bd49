package io.realskin.imaging;

import io.realskin.imaging.jpeg.JpegDataException;
import io.realskin.imaging.jpeg.JpegScanLimitException;
import io.realskin.imaging.jpeg.JpegScans;

import java.util.Arrays;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.be16;
import static io.realskin.imaging.Bytes.be32;
import static io.realskin.imaging.Bytes.le16;
import static io.realskin.imaging.Bytes.le32;
import static io.realskin.imaging.Bytes.u8;

/**
 * Reads format, dimensions, channels, bit depth and EXIF orientation from the header bytes of a JPEG, PNG, WebP,
 * TIFF or BMP, without decoding pixels, and checks that the image data the header announces is there. Pure Java (no
 * OpenCV), so upload validation elsewhere can reuse it. One image per file: a JPEG with a second frame header, an
 * animated WebP or PNG (APNG) or a TIFF with a second page is refused, as is a container without image data (a PNG without IDAT,
 * a TIFF without strips or tiles); data cut short is reported as {@link ImageInfo#complete()} false. A JPEG's
 * entropy-coded data is walked to its end ({@link JpegScans}), so one cut short and closed with an EOI marker is
 * incomplete too, and one whose data holds a code its Huffman tables do not is refused. JPEG codings OpenCV's
 * decoder does not read (lossless, hierarchical, arithmetic-coded, 12-bit) are refused by name, as are formats people
 * send that are none of these ({@link OtherFormats}: GIF, AVIF, HEIC/HEIF, JPEG XL, JPEG 2000). Metadata is read past:
 * APPn segments and whatever follows a JPEG's first EOI, PNG ancillary chunks within libpng's chunk limit.
 */
public final class ImageProbe {
    private ImageProbe() {
    }

    /**
     * @throws ImageRejectedException bad_image when the bytes are no image we know, the header is cut short, or the
     *                                image data is missing or more than one image
     */
    public static ImageInfo probe(byte[] b) {
        return probe(b, null);
    }

    /**
     * {@link #probe(byte[])} that checks {@code limits} (none when null) as soon as the header gives the size, before
     * the image data is walked: a JPEG's scans are walked over the whole frame its header announces, however few
     * bytes follow it (a 100 KB file whose header says 60000x60000 took 18 s to walk).
     *
     * @throws ImageRejectedException too_large when the bytes or the header exceed the limits, else as {@link #probe(byte[])}
     */
    public static ImageInfo probe(byte[] b, ImageLimits limits) {
        if (limits != null) limits.check(b == null ? 0 : b.length, null);
        if (b == null || b.length < 12) {
            throw ImageRejectedException.badImage("not an image: " + (b == null ? 0 : b.length) + " bytes");
        }
        ImageFormat format = format(b);
        if (format == null) {
            String other = OtherFormats.name(b);
            throw ImageRejectedException.badImage(other == null ? "not a JPEG, PNG, WebP, TIFF or BMP image"
                    : other + " is not read here: send a JPEG, PNG, WebP, TIFF or BMP image");
        }
        ImageInfo info;
        try {
            info = switch (format) {
                case JPEG -> jpeg(b, limits);
                case PNG -> png(b);
                case WEBP -> webp(b);
                case TIFF -> tiffFile(b, limits);
                case BMP -> bmp(b);
            };
        } catch (ArrayIndexOutOfBoundsException e) {
            throw ImageRejectedException.badImage("image header is truncated");
        }
        if (limits != null) limits.check(b.length, info);
        return info;
    }

    /** The format the first bytes announce (its signature only, nothing checked), or null when none we read. */
    public static ImageFormat format(byte[] b) {
        if (b == null || b.length < 12) return null;
        if (u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF) return ImageFormat.JPEG;
        if (u8(b, 0) == 0x89 && ascii(b, 1, 3).equals("PNG")) return ImageFormat.PNG;
        if (ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) return ImageFormat.WEBP;
        if (Tiff.startsAt(b, 0)) return ImageFormat.TIFF;
        if (ascii(b, 0, 2).equals("BM") && b.length >= 34) return ImageFormat.BMP;
        return null;
    }

    /**
     * For a caller about to decode the whole image, once {@link ImageLimits} have passed {@code info} (the work is
     * bounded by the size the header announces): a PNG's image data is inflated ({@link PngData#verify}, up to the
     * image's size and {@link PngImageData#MAX_EXCESS} more), since libpng inflates every byte of its zlib stream,
     * however far past the image it runs. Costs about half a PNG decode; the probe alone (uploads at the gateway, which
     * decode nothing) inflates nothing. Other formats have nothing more to check here.
     *
     * @throws ImageRejectedException bad_image for PNG data libpng stops at, or that inflates far past the image
     */
    public static void checkBeforeDecode(byte[] b, ImageInfo info) {
        if (info.format() == ImageFormat.PNG && info.complete()) {
            PngData.verify(b);
        }
    }

    /**
     * The bytes to hand a decoder for the pixels of the image {@code info} describes: a PNG's without the chunks libpng
     * would inflate beside its image data ({@link PngDecoderInput}), a JPEG's without the metadata segments no decoder
     * reads for them when those are most of the file ({@link JpegDecoderInput}), any other format's as they are.
     */
    public static byte[] decoderInput(byte[] b, ImageInfo info) {
        return switch (info.format()) {
            case PNG -> PngDecoderInput.of(b);
            case JPEG -> JpegDecoderInput.of(b);
            default -> b;
        };
    }

    private static ImageInfo checked(ImageInfo info) {
        if (info.width() <= 0 || info.height() <= 0) {
            throw ImageRejectedException.badImage("image header gives no size (" + info.width() + "x" + info.height() + ")");
        }
        return info;
    }

    /**
     * Walks the chunks: IHDR first, as libpng accepts it (sides up to 1,000,000, a valid depth and colour type), each
     * chunk within libpng's length limit, image data (IDAT) before IEND; complete once IEND is reached inside the bytes.
     */
    private static ImageInfo png(byte[] b) {
        if (!ascii(b, 12, 4).equals("IHDR")) throw ImageRejectedException.badImage("PNG without IHDR");
        PngHeader header = PngHeader.read(b, 16, be32(b, 8));
        PngChunkFacts facts = new PngChunkFacts(b, header);
        boolean complete = PngChunks.walk(b, ChunkOverrun.STOP, facts);
        if (!complete && facts.next + 12 <= b.length) {
            // the chunk the data ends inside: libpng refuses a length over its limit before it reads the data
            facts.checkLength(ascii(b, facts.next + 4, 4), be32(b, facts.next));
        }
        if (complete && !facts.idat) {
            throw ImageRejectedException.badImage("PNG without image data (no IDAT chunk)");
        }
        if (facts.frames > 1 || (facts.frames >= 0 && !facts.idatIsFrame)) {
            // libpng decodes IDAT alone: the first frame, or a default image that browsers showing the animation never show
            throw ImageRejectedException.badImage("animated PNG (APNG): one image per upload");
        }
        // what OpenCV decodes to: gray stays 1 channel, gray+alpha becomes BGRA, a palette BGR (BGRA with tRNS)
        int channels = switch (header.colourType()) {
            case 0 -> facts.transparency ? 4 : 1;
            case 3 -> facts.transparency ? 4 : 3;
            case 2 -> facts.transparency ? 4 : 3;
            default -> 4;
        };
        return new ImageInfo(ImageFormat.PNG, header.width(), header.height(), Math.max(1, facts.orientation), complete, channels,
                header.bitDepth() == 16 ? 2 : 1);
    }

    /** What {@link #png} reads from the chunks it walks, each chunk's length held to libpng's limit first. */
    private static final class PngChunkFacts implements PngChunks.Visitor {
        private final byte[] b;
        private final PngHeader header;
        boolean idat;
        boolean transparency;
        int orientation;
        long frames = -1; // an APNG's acTL before the image data: its number of frames
        boolean idatIsFrame; // an fcTL before the image data makes IDAT the animation's first frame
        int next = 8; // where the chunk after the last one visited starts

        PngChunkFacts(byte[] b, PngHeader header) {
            this.b = b;
            this.header = header;
        }

        @Override
        public boolean chunk(String type, int body, int end) {
            checkLength(type, end - body);
            if (type.equals("IDAT") && end > body) {
                idat = true;
            } else if (type.equals("tRNS")) {
                transparency = true;
            } else if (type.equals("acTL") && !idat && end - body >= 8) {
                frames = be32(b, body);
            } else if (type.equals("fcTL") && !idat) {
                idatIsFrame = true;
            } else if (type.equals("eXIf") && orientation == 0) {
                orientation = pngExifOrientation(b, body, end);
            }
            next = end + 4;
            return true;
        }

        void checkLength(String type, long length) {
            long limit = type.equals("IDAT") ? header.idatLimit() : PngData.MAX_CHUNK;
            if (length > limit) {
                throw PngData.chunkTooLarge(type, length, limit);
            }
        }
    }

    /**
     * The orientation of a PNG's eXIf chunk (a TIFF structure, before or after the image data), which OpenCV's decoder
     * and browsers apply as they do a JPEG's; 1 when the chunk does not start as a TIFF structure (libpng refuses it).
     */
    private static int pngExifOrientation(byte[] b, int body, int end) {
        if (!Tiff.startsAt(b, body)) return 1;
        try {
            return exifOrientation(b, body, end);
        } catch (RuntimeException ignored) {
            return 1; // a broken EXIF block does not make the image unreadable
        }
    }

    /** The first frame header (SOF) decides the size; a second one before the scan is a second frame, refused. */
    private static ImageInfo jpeg(byte[] b, ImageLimits limits) {
        int pos = 2;
        int width = -1;
        int height = -1;
        int components = 3;
        int precision = 8;
        int orientation = 1;
        boolean exifSeen = false; // the first Exif APP1 decides, as in OpenCV's decoder, libexif and ExifTool
        int scanStart = -1;
        // not JpegSegments.walk, which skips stray bytes between segments (as libjpeg does) where this loop refuses them
        while (pos + 4 <= b.length) {
            if (u8(b, pos) != 0xFF) throw ImageRejectedException.badImage("corrupt JPEG marker at byte " + pos);
            int marker = u8(b, pos + 1);
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                pos += 2;
                continue;
            }
            int len = be16(b, pos + 2);
            if (len < 2) throw ImageRejectedException.badImage("corrupt JPEG segment length");
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (width >= 0) {
                    throw ImageRejectedException.badImage("JPEG with more than one frame header: one image per upload");
                }
                precision = u8(b, pos + 4);
                String unread = unreadCoding(marker, precision);
                if (unread != null) {
                    throw ImageRejectedException.badImage("JPEG not supported: " + unread
                            + " (OpenCV's libjpeg decodes 8-bit Huffman-coded baseline and progressive JPEGs)");
                }
                height = be16(b, pos + 5);
                width = be16(b, pos + 7);
                components = u8(b, pos + 9);
            } else if (marker == 0xE1 && !exifSeen && ascii(b, pos + 4, 4).equals("Exif")) {
                exifSeen = true;
                int tiffStart = pos + 10;
                try {
                    orientation = exifOrientation(b, tiffStart, Math.min(b.length, pos + 2 + len));
                } catch (RuntimeException ignored) {
                    orientation = 1; // a broken EXIF block does not make the image unreadable
                }
            } else if (marker == 0xDA) {
                scanStart = pos + 2 + len;
                break;
            } else if (marker == 0xD9) {
                break;
            }
            pos += 2 + len;
        }
        if (width < 0) throw ImageRejectedException.badImage("JPEG without a frame header (truncated?)");
        int channels = components == 1 ? 1 : components == 4 ? 4 : 3;
        int bytesPerSample = precision > 8 ? 2 : 1;
        if (limits != null) {
            limits.check(b.length, checked(new ImageInfo(ImageFormat.JPEG, width, height, orientation, false, channels, bytesPerSample)));
        }
        boolean complete = false;
        if (scanStart > 0) {
            // entropy-coded data stuffs 0xFF as FF00, so FF D9 after the first scan is the end-of-image marker
            for (int i = b.length - 2; i >= scanStart; i--) {
                if (u8(b, i) == 0xFF && u8(b, i + 1) == 0xD9) {
                    complete = true;
                    break;
                }
            }
        }
        JpegScans.Verdict scans = complete ? walkScans(b) : JpegScans.Verdict.TRUNCATED;
        return checked(new ImageInfo(ImageFormat.JPEG, width, height, orientation, scans != JpegScans.Verdict.TRUNCATED,
                channels, bytesPerSample, scans == JpegScans.Verdict.COMPLETE && LibjpegRules.accept(b)));
    }

    /**
     * What of a frame's coding the decoder does not read (null when it does): OpenCV 4.9's libjpeg build fails on
     * lossless, hierarchical and 12-bit frames, and decodes arithmetic-coded ones whose data {@link JpegScans} cannot
     * walk (one cut short would decode with gray).
     */
    private static String unreadCoding(int marker, int precision) {
        if (marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF) return "lossless";
        if (marker == 0xC5 || marker == 0xC6 || marker == 0xCD || marker == 0xCE) return "hierarchical";
        if (marker >= 0xC9) return "arithmetic-coded";
        if (precision != 8) return precision + "-bit samples";
        return null;
    }

    /** Whether the scans code every MCU and coefficient the frame needs: an EOI marker alone does not say so. */
    private static JpegScans.Verdict walkScans(byte[] b) {
        try {
            return JpegScans.check(b);
        } catch (JpegScanLimitException e) {
            throw ImageRejectedException.badImage("JPEG not supported: " + e.getMessage());
        } catch (JpegDataException e) {
            throw ImageRejectedException.badImage("corrupt JPEG data: " + e.getMessage());
        }
    }

    /**
     * A simple file's size is its image chunk's; an extended file's is its canvas (VP8X), which must be the size its
     * image chunk codes, as libwebp requires of a still image. Complete when the RIFF size and the image chunk's data
     * are inside the bytes.
     */
    private static ImageInfo webp(byte[] b) {
        String chunk = ascii(b, 12, 4);
        WebpImageChunk image;
        int w;
        int h;
        boolean alpha;
        switch (chunk) {
            case "VP8 ", "VP8L" -> {
                image = WebpImageChunk.at12(b);
                w = image.width();
                h = image.height();
                alpha = image.alpha();
            }
            case "VP8X" -> {
                int flags = u8(b, 20);
                if ((flags & Vp8x.ANIMATION) != 0) {
                    throw ImageRejectedException.badImage("animated WebP: one image per upload");
                }
                alpha = (flags & Vp8x.ALPHA) != 0;
                w = (u8(b, 24) | u8(b, 25) << 8 | u8(b, 26) << 16) + 1;
                h = (u8(b, 27) | u8(b, 28) << 8 | u8(b, 29) << 16) + 1;
                image = WebpImageChunk.find(b);
                if (image == null) {
                    throw ImageRejectedException.badImage("WebP without image data (no VP8 or VP8L chunk)");
                }
                if (image.width() != w || image.height() != h) {
                    throw ImageRejectedException.badImage("corrupt WebP: its canvas is " + w + "x" + h + " but its image data codes "
                            + image.width() + "x" + image.height() + " (libwebp refuses such a file)");
                }
            }
            default -> throw ImageRejectedException.badImage("unknown WebP chunk " + chunk);
        }
        boolean complete = le32(b, 4) + 8 <= b.length && image.within(b);
        return checked(new ImageInfo(ImageFormat.WEBP, w, h, 1, complete, alpha ? 4 : 3, 1));
    }

    /** A Windows bitmap: the pixel rows the header announces must follow the headers. */
    private static ImageInfo bmp(byte[] b) {
        long dataOffset = le32(b, 10);
        int w = (int) le32(b, 18);
        int h = Math.abs((int) le32(b, 22));
        int bitsPerPixel = le16(b, 28);
        long compression = le32(b, 30);
        boolean complete;
        if (compression == 0 || compression == 3) {
            long stride = ((long) bitsPerPixel * Math.max(w, 0) + 31) / 32 * 4;
            complete = dataOffset + stride * h <= b.length;
        } else {
            complete = dataOffset < b.length;
        }
        return checked(new ImageInfo(ImageFormat.BMP, w, h, 1, complete, bitsPerPixel == 32 ? 4 : 3, 1));
    }

    /**
     * A TIFF file: its first image (IFD0), which must be its only one, with the strips or tiles it announces. A tiled
     * one is checked against {@code limits} (none when null) by its whole tiles too: decoders decode every tile in full,
     * the parts past the image's right and bottom edges included.
     */
    private static ImageInfo tiffFile(byte[] b, ImageLimits limits) {
        Tiff t = new Tiff(b, 0, b.length);
        int ifd = t.firstIfd();
        int count = t.u16(ifd);
        int w = -1;
        int h = -1;
        int orientation = 1;
        int samples = 1;
        int bits = 8;
        int[] offsets = null;
        int[] lengths = null;
        long tileWidth = 0;
        long tileLength = 0;
        boolean signed = false;
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + 12 * i;
            if (e + 12 > b.length) break;
            int tag = t.u16(e);
            switch (tag) {
                case 256 -> w = t.value(e);
                case 257 -> h = t.value(e);
                case 258 -> bits = t.values(e)[0];
                case 274 -> orientation = orientationOrDefault(t.value(e));
                case 277 -> samples = t.value(e);
                case 273, 324 -> offsets = t.values(e);
                case 279, 325 -> lengths = t.values(e);
                case 322 -> tileWidth = t.value(e) & 0xFFFFFFFFL;
                case 323 -> tileLength = t.value(e) & 0xFFFFFFFFL;
                case 339 -> signed = Arrays.stream(t.values(e)).anyMatch(f -> f == 2);
                default -> { }
            }
        }
        if (signed) {
            // OpenCV decodes them as stored, and an 8-bit view of them clips every negative sample: posterised
            throw ImageRejectedException.badImage("TIFF of signed-integer samples is not read: save it with unsigned samples");
        }
        int next = t.nextIfdSlot(ifd);
        if (next + 4 <= b.length && t.u32(next) != 0) {
            throw ImageRejectedException.badImage("TIFF with more than one image: one image per upload");
        }
        if (offsets == null || lengths == null || offsets.length == 0 || offsets.length != lengths.length) {
            throw ImageRejectedException.badImage("TIFF without image data (no strips or tiles)");
        }
        boolean complete = true;
        long total = 0;
        for (int i = 0; i < offsets.length; i++) {
            long start = offsets[i] & 0xFFFFFFFFL;
            long length = lengths[i] & 0xFFFFFFFFL;
            total += length;
            complete &= start + length <= b.length;
        }
        if (total == 0) {
            throw ImageRejectedException.badImage("TIFF without image data (its strips are empty)");
        }
        int channels = samples <= 1 ? 1 : samples == 2 || samples >= 4 ? 4 : 3;
        ImageInfo info = checked(new ImageInfo(ImageFormat.TIFF, w, h, orientation, complete, channels, Math.max(1, (bits + 7) / 8)));
        if (limits != null && tileWidth > 0 && tileLength > 0) {
            limits.check(b.length, info);
            limits.checkTiles(info, tileWidth, tileLength);
        }
        return info;
    }

    /** The orientation tag of an EXIF block (a TIFF structure inside a JPEG APP1 segment). */
    static int exifOrientation(byte[] b, int base, int end) {
        Tiff t = new Tiff(b, base, end);
        int ifd = t.firstIfd();
        int count = t.u16(ifd);
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + 12 * i;
            if (e + 12 > end) break;
            if (t.u16(e) == 274) {
                return orientationOrDefault(t.value(e));
            }
        }
        return 1;
    }

    private static int orientationOrDefault(int value) {
        return value >= 1 && value <= 8 ? value : 1;
    }
}
