package io.realskin.texture.engine;

import io.realskin.imaging.ExifDirectories;
import io.realskin.imaging.IccProfile;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ProducerFiles;
import io.realskin.imaging.ProducerPngs;
import io.realskin.imaging.ProducerTiffs;
import io.realskin.imaging.ProducerWebps;
import io.realskin.imaging.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import javax.imageio.ImageIO;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One metadata rule for every result, whatever the path and the format: the input's EXIF without GPS and without its
 * thumbnail, its XMP without GPS, its ICC profile; an orientation tag (EXIF's, and XMP's tiff:Orientation) that shows
 * the result's pixels as the input is shown. Until 2026-12-06 a result nothing was changed in was the input's bytes, GPS and thumbnail and all, and the
 * pixel path, PNG and WebP results carried the ICC profile alone.
 */
class ResultMetadataPathsTest {
    private static final int ICC_SIZE = 3_000;
    /** XMP with a GPS position, a date and the orientation as editors repeat it in the TIFF schema. */
    private static byte[] xmp(int orientation) {
        return ProducerFiles.xmp("xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"48,51.4933N\""
                + " exif:DateTimeOriginal=\"2026-12-04T10:00:00\" xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\""
                + " tiff:Orientation=\"" + orientation + "\"");
    }

    static TextureEngine engine;
    /** The plastic portrait as a person sees it (320 x 480), and stored turned for an orientation tag of 6. */
    static Mat upright;
    static Mat turned;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
        Mat portrait = Fixtures.decode(Fixtures.bytes(Fixtures.AI));
        upright = new Mat();
        Imgproc.resize(portrait, upright, new Size(320, 480), 0, 0, Imgproc.INTER_AREA);
        turned = new Mat();
        Core.rotate(upright, turned, Core.ROTATE_90_COUNTERCLOCKWISE); // tag 6 turns it clockwise to show it
    }

    /** A phone's JPEG: EXIF with GPS and a thumbnail, XMP with GPS, an ICC profile. */
    private static byte[] jpeg(int orientation) {
        byte[] plain = Fixtures.encode(orientation == 6 ? turned : upright, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 92);
        return ProducerFiles.insertAfterAppSegments(plain, ProducerFiles.concat(
                ProducerFiles.exif(orientation, false, TestImages.jpeg(16, 12, false, false, 0)), xmp(orientation),
                ProducerFiles.iccSegments(ICC_SIZE)));
    }

    private static byte[] tiff(byte[] app1) {
        return Arrays.copyOfRange(app1, 10, app1.length);
    }

    private static byte[] packet(byte[] app1) {
        return Arrays.copyOfRange(app1, 4 + "http://ns.adobe.com/xap/1.0/\0".length(), app1.length);
    }

    @Test
    void everyChangedResultCarriesExifAndXmpWithoutGpsOrPreviewsAndStandsAsTheInput() {
        byte[] tagged = jpeg(6);
        RestoreOptions options = RestoreOptions.defaults().withIntensity(60).withSeed(1);
        RestoreResult reencoded = engine.restore(tagged, options);
        assertEquals(JpegLocality.REENCODED, reencoded.jpeg().path(), "a tagged JPEG is decoded upright");
        assertTrue(reencoded.locality().changedPixels() > 0, "the face was restored: " + reencoded.faces() + " " + reencoded.faceRestores());
        assertCarried(reencoded.bytes(), 1, tagged, false);
        assertCarried(engine.restore(tagged, options.withOutputFormat(ImageFormat.PNG)).bytes(), 1, tagged, false);
        assertCarried(engine.restore(tagged, options.withOutputFormat(ImageFormat.WEBP)).bytes(), 1, tagged, false);
        byte[] plain = jpeg(1);
        RestoreResult coefficient = engine.restore(plain, options);
        assertEquals(JpegLocality.COEFFICIENT, coefficient.jpeg().path());
        assertCarried(coefficient.bytes(), 1, plain, false);
        byte[] png = png();
        assertCarried(engine.restore(png, options).bytes(), 1, png, false);
        assertCarried(engine.restore(png, options.withOutputFormat(ImageFormat.JPEG)).bytes(), 1, png, false);
        byte[] webp = webp();
        assertCarried(engine.restore(webp, options).bytes(), 1, webp, false);
        byte[] tiff = tiffInput();
        assertCarriedInTiff(engine.restore(tiff, options).bytes(), tiff, false);
    }

    @Test
    void aResultNothingWasChangedInHasTheInputsPixelsAndTheSameRule() throws IOException {
        RestoreOptions nothing = RestoreOptions.defaults().withIntensity(0);
        for (int orientation : new int[] {6, 1}) { // the pixel path's and the coefficient path's
            byte[] in = jpeg(orientation);
            RestoreResult r = engine.restore(in, nothing);
            assertTrue(r.locality().identical());
            // the pixel path served the tagged one, but copied its coding: the report says so, every block copied (until
            // 2026-12-07 it said path "reencoded", 0 blocks copied, beside a guarantee that they were copied bit-exact)
            long blocks = io.realskin.texture.jpeg.JpegReader.read(in).blockCount();
            if (orientation == 6) {
                assertEquals(JpegLocality.COPIED, r.jpeg().path(), r.jpeg().toString());
                assertEquals("exif-orientation", r.jpeg().reason(), "why the coefficient path did not serve");
            } else {
                assertEquals(JpegLocality.COEFFICIENT, r.jpeg().path());
            }
            assertEquals(0, r.jpeg().blocksRecomputed());
            assertEquals(blocks, r.jpeg().blocksCopied());
            assertCarried(r.bytes(), orientation, in, true);
            assertEquals(0.0, Core.norm(Fixtures.decode(in), Fixtures.decode(r.bytes()), Core.NORM_INF), "OpenCV, tag " + orientation);
            assertArrayEquals(imageio(in), imageio(r.bytes()), "javax.imageio, tag " + orientation);
        }
        byte[] png = png();
        RestoreResult p = engine.restore(png, nothing);
        assertCarried(p.bytes(), 6, png, true);
        assertEquals(0.0, Core.norm(Fixtures.decode(png), Fixtures.decode(p.bytes()), Core.NORM_INF));
        byte[] webp = webp();
        RestoreResult w = engine.restore(webp, nothing);
        assertCarried(w.bytes(), 1, webp, true);
        assertEquals(0.0, Core.norm(Fixtures.decode(webp), Fixtures.decode(w.bytes()), Core.NORM_INF));
        // a TIFF is written again from its pixels, as a changed one is: the same pixels, the same metadata
        byte[] tiff = tiffInput();
        RestoreResult t = engine.restore(tiff, nothing);
        assertTrue(t.locality().identical());
        assertCarriedInTiff(t.bytes(), tiff, true);
    }

    /**
     * APP2 ICC_PROFILE chunks that are no profile (5,000 random bytes, though 'RGB ' where a header names its colour
     * space; or a real header whose size field is not the bytes' length) are carried by no path and into no format:
     * until 2026-12-07 the JPEG coefficient path and an unchanged JPEG carried any chunks that joined up, and the other
     * paths looked only at the colour space, so the random bytes went into .jpg results alone, the cut profile into all.
     */
    @Test
    void chunksThatAreNoProfileOfThePixelsAreCarriedByNoPath() {
        byte[] random = new byte[5_000];
        new java.util.Random(7).nextBytes(random);
        System.arraycopy(ProducerFiles.ascii("RGB "), 0, random, 16, 4);
        byte[] cut = Arrays.copyOf(ProducerFiles.iccProfile(ICC_SIZE), ICC_SIZE - 100);
        byte[] plain = Fixtures.encode(upright, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 92);
        for (byte[] profile : List.of(random, cut)) {
            byte[] in = ProducerFiles.insertAfterAppSegments(plain, ProducerFiles.iccChunk(1, 1, profile));
            assertNotNull(IccProfile.of(in), "the chunks join up");
            RestoreOptions options = RestoreOptions.defaults().withIntensity(60).withSeed(1);
            RestoreResult unchanged = engine.restore(in, RestoreOptions.defaults().withIntensity(0));
            RestoreResult coefficient = engine.restore(in, options);
            assertEquals(JpegLocality.COEFFICIENT, coefficient.jpeg().path());
            String what = profile == random ? "random bytes" : "a cut profile";
            assertTrue(IccProfile.of(unchanged.bytes()) == null, what + ": unchanged JPEG"); // not the bytes printed
            assertTrue(IccProfile.of(coefficient.bytes()) == null, what + ": JPEG from its coefficients");
            for (ImageFormat format : List.of(ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.TIFF)) {
                assertTrue(IccProfile.of(engine.restore(in, options.withOutputFormat(format)).bytes()) == null, what + ": " + format);
            }
        }
    }

    /** A photographer's TIFF as the JDK's writer writes it (big-endian, uncompressed): an ICC profile and XMP in IFD0. */
    private static byte[] tiffInput() {
        BufferedImage image = new BufferedImage(upright.cols(), upright.rows(), BufferedImage.TYPE_3BYTE_BGR);
        upright.get(0, 0, ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData());
        return ProducerTiffs.jdk(image, ProducerFiles.iccProfile(ICC_SIZE), packet(xmp(1)));
    }

    /**
     * A TIFF result carries the input's ICC profile (tag 34675) and its XMP without GPS (tag 700), and no EXIF (a
     * TIFF's camera fields are IFD0's own: not carried); OpenCV shows it as the input.
     */
    private static void assertCarriedInTiff(byte[] out, byte[] in, boolean identical) {
        assertEquals(ImageFormat.TIFF, io.realskin.imaging.ImageProbe.format(out));
        assertArrayEquals(ProducerFiles.iccProfile(ICC_SIZE), IccProfile.of(out), "TIFF result: the ICC profile");
        assertTrue(ProducerFiles.indexOf(out, ProducerFiles.ascii("exif:DateTimeOriginal")) > 0, "TIFF result: the XMP");
        assertEquals(-1, ProducerFiles.indexOf(out, ProducerFiles.ascii("GPSLatitude")), "TIFF result: no GPS in the XMP");
        Mat diff = new Mat();
        Core.absdiff(Fixtures.decode(in), Fixtures.decode(out), diff);
        double mean = Core.mean(diff).val[0];
        assertTrue(identical ? Core.norm(diff, Core.NORM_INF) == 0 : mean > 0 && mean < 6, "TIFF result: mean difference " + mean);
    }

    /** A PNG stored turned, tagged 6 in its eXIf, with a compressed iTXt XMP packet and an iCCP profile. */
    private static byte[] png() {
        return ProducerPngs.beforeIdat(Fixtures.encode(turned, ".png"),
                TestImages.chunk("eXIf", tiff(ProducerFiles.exif(6, true, TestImages.jpeg(16, 12, false, false, 0)))),
                ProducerPngs.itxt("XML:com.adobe.xmp", new String(packet(xmp(6)), java.nio.charset.StandardCharsets.UTF_8)),
                ProducerPngs.iccp(ICC_SIZE));
    }

    /** A lossless WebP as webpmux extends it: ICCP, EXIF (tag 1) and XMP. */
    private static byte[] webp() {
        byte[] simple = Fixtures.encode(upright, ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 101);
        return ProducerWebps.webpExtended(simple, upright.cols(), upright.rows(), ProducerFiles.iccProfile(ICC_SIZE),
                tiff(ProducerFiles.exif(1, false, TestImages.jpeg(16, 12, false, false, 0))), packet(xmp(1)));
    }

    /**
     * The result carries the input's EXIF (IFD0 alone: no thumbnail; no GPS IFD; the camera, the date) with
     * {@code orientation}, the XMP without GPS, the ICC profile; and OpenCV, which applies the tag, shows it as it shows
     * the input ({@code identical}: the same pixels; else the restore's change, a few levels on the skin alone).
     */
    private static void assertCarried(byte[] out, int orientation, byte[] in, boolean identical) {
        String what = io.realskin.imaging.ImageProbe.format(out) + " result";
        byte[] exif = exifOf(out);
        assertNotNull(exif, what + ": EXIF");
        List<TIFFDirectory> ifds = ExifDirectories.read(exif);
        assertEquals(1, ifds.size(), what + ": IFD0 without the thumbnail's IFD1");
        assertEquals("Google", ifds.get(0).getTIFFField(0x010F).getAsString(0), what);
        assertEquals("2026:12:04 10:00:00", ifds.get(0).getTIFFField(0x8769).getDirectory().getTIFFField(0x9003).getAsString(0), what);
        assertNull(ifds.get(0).getTIFFField(0x8825), what + ": no GPS IFD");
        TIFFField tag = ifds.get(0).getTIFFField(0x0112);
        assertEquals(orientation, tag == null ? 1 : tag.getAsInt(0), what + ": orientation");
        assertTrue(ProducerFiles.indexOf(out, ProducerFiles.ascii("exif:DateTimeOriginal")) > 0, what + ": the XMP");
        assertEquals(-1, ProducerFiles.indexOf(out, ProducerFiles.ascii("GPSLatitude")), what + ": no GPS in the XMP");
        assertEquals(orientation == 6, ProducerFiles.indexOf(out, ProducerFiles.ascii("tiff:Orientation=\"6\"")) > 0,
                what + ": XMP's orientation goes where EXIF's says 1");
        assertArrayEquals(ProducerFiles.iccProfile(ICC_SIZE), IccProfile.of(out), what + ": the ICC profile");
        Mat shown = Imgcodecs.imdecode(new MatOfByte(out), Imgcodecs.IMREAD_COLOR);
        Mat asInput = Imgcodecs.imdecode(new MatOfByte(in), Imgcodecs.IMREAD_COLOR);
        assertEquals(asInput.size(), shown.size(), what + ": shown the input's way up");
        Mat diff = new Mat();
        Core.absdiff(asInput, shown, diff);
        double mean = Core.mean(diff).val[0];
        assertTrue(identical ? mean == 0 : mean < 6, what + ": shown as the input, mean difference " + mean);
    }

    /** The EXIF block as an APP1 segment: a JPEG's, a PNG's eXIf or a WebP's EXIF chunk. */
    private static byte[] exifOf(byte[] out) {
        ImageFormat format = io.realskin.imaging.ImageProbe.format(out);
        if (format == ImageFormat.JPEG) return ExifDirectories.segmentOf(out);
        byte[] tiff = format == ImageFormat.PNG ? pngChunk(out, "eXIf") : webpChunk(out, "EXIF");
        return tiff == null ? null : ProducerFiles.segment(0xE1, ProducerFiles.concat(ProducerFiles.ascii("Exif\0\0"), tiff));
    }

    private static byte[] pngChunk(byte[] png, String type) {
        for (int pos = 8; pos + 12 <= png.length; ) {
            int length = ByteBuffer.wrap(png, pos, 4).getInt();
            if (new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals(type)) {
                return Arrays.copyOfRange(png, pos + 8, pos + 8 + length);
            }
            pos += 12 + length;
        }
        return null;
    }

    private static byte[] webpChunk(byte[] webp, String type) {
        for (int pos = 12; pos + 8 <= webp.length; ) {
            int size = ByteBuffer.wrap(webp, pos + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (new String(webp, pos, 4, java.nio.charset.StandardCharsets.US_ASCII).equals(type)) {
                return Arrays.copyOfRange(webp, pos + 8, pos + 8 + size);
            }
            pos += 8 + size + (size & 1);
        }
        return null;
    }

    private static int[] imageio(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
