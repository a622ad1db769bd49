package io.realskin.imaging;

import static io.realskin.imaging.ProducerFiles.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Files as cameras, phones and generators write them ({@link ProducerFiles}): the probe reads the image they carry,
 * whatever metadata surrounds it or follows it, and refuses what the engine cannot decode with a message that says
 * what it is.
 */
class ImageProbeProducerFilesTest {
    private static final byte[] THUMBNAIL = TestImages.jpeg(160, 120, false, false, 0);

    private static ImageInfo admitted(byte[] file) {
        ImageInfo info = ImageProbe.probe(file);
        ImageLimits.DEFAULT.check(file.length, info);
        assertTrue(info.complete(), "complete");
        ImageProbe.checkBeforeDecode(file, info);
        return info;
    }

    @Test
    void aPhoneJpegWithExifGpsThumbnailXmpAndAnIccProfileIsReadFromItsOwnFrame() {
        byte[] photo = TestImages.jpeg(640, 480, false, false, 0);
        byte[] file = TestImages.insertAfterSoi(photo, concat(ProducerFiles.exif(1, false, THUMBNAIL),
                ProducerFiles.xmp("xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"Pixel 8\""),
                ProducerFiles.iccSegments(3_144)));
        ImageInfo info = admitted(file);
        assertEquals(640, info.width());
        assertEquals(480, info.height());
        assertEquals(1, info.orientation());
        assertTrue(info.verified(), "scans walked to their end");
    }

    @Test
    void everyExifOrientationIsReadInEitherByteOrderBehindMakeAndBeforeTheGpsIfd() {
        byte[] photo = TestImages.jpeg(64, 48, false, false, 0);
        for (boolean littleEndian : new boolean[] {true, false}) {
            for (int orientation = 1; orientation <= 8; orientation++) {
                ImageInfo info = admitted(TestImages.insertAfterSoi(photo, ProducerFiles.exif(orientation, littleEndian, THUMBNAIL)));
                assertEquals(orientation, info.orientation(), (littleEndian ? "II " : "MM ") + orientation);
                assertEquals(orientation >= 5, info.transposed());
            }
        }
    }

    /** A 500 KB profile (a camera's or a printer's) takes eight APP2 segments. */
    @Test
    void anIccProfileSplitOverManyApp2SegmentsIsRead() {
        byte[] icc = ProducerFiles.iccSegments(500_000);
        assertEquals(8, count(icc, ProducerFiles.ascii("ICC_PROFILE")));
        ImageInfo info = admitted(ProducerFiles.insertAfterAppSegments(TestImages.jpeg(320, 240, false, true, 0), icc));
        assertEquals(320, info.width());
        assertTrue(info.verified());
    }

    /** C2PA content credentials: a manifest store of 200 KB in four APP11 segments. */
    @Test
    void c2paApp11SegmentsAreRead() {
        byte[] app11 = ProducerFiles.c2paApp11(200_000);
        assertEquals(4, count(app11, ProducerFiles.ascii("JP\0\1")));
        ImageInfo info = admitted(ProducerFiles.insertAfterAppSegments(TestImages.jpeg(320, 240, false, false, 0), app11));
        assertEquals(240, info.height());
        assertTrue(info.verified());
    }

    /** What phones store after the first image's EOI: a gain or depth map (MPF), Samsung's SEFT, a motion photo's MP4. */
    @Test
    void dataAfterTheEoiIsNotPartOfTheImage() {
        byte[] photo = TestImages.jpeg(640, 480, false, false, 0);
        byte[] gainMap = TestImages.jpeg(320, 240, true, false, 0);
        byte[] mpf = ProducerFiles.withMpf(TestImages.insertAfterSoi(photo, ProducerFiles.exif(6, false, THUMBNAIL)), gainMap);
        ImageInfo info = admitted(mpf);
        assertEquals(640, info.width());
        assertEquals(6, info.orientation());
        assertTrue(info.verified(), "the first image's scans walked, the second image not read");

        assertTrue(admitted(concat(photo, ProducerFiles.seftTrailer())).verified());

        byte[] video = ProducerFiles.motionPhotoMp4(3_000_000);
        byte[] motion = concat(TestImages.insertAfterSoi(photo, ProducerFiles.xmp(ProducerFiles.motionPhotoXmp(video.length))), video);
        info = admitted(motion);
        assertEquals(480, info.height());
        assertTrue(info.verified());
    }

    /** Cut inside its scans and followed by a second JPEG, an MPF file's first image is still cut short. */
    @Test
    void aFirstImageCutShortIsTruncatedWhateverFollows() {
        byte[] photo = TestImages.jpeg(640, 480, false, false, 0);
        byte[] cut = TestImages.cutAndClosed(photo, 0.5);
        assertFalse(ImageProbe.probe(concat(cut, TestImages.jpeg(64, 48, false, false, 0))).complete());
        assertFalse(ImageProbe.probe(concat(cut, ProducerFiles.motionPhotoMp4(100_000))).complete());
    }

    @Test
    void progressiveRestartGrayAndEverySamplingAreRead() {
        assertTrue(admitted(TestImages.jpeg(333, 222, false, true, 0)).verified());
        assertTrue(admitted(TestImages.jpeg(333, 222, false, false, 7)).verified());
        ImageInfo gray = admitted(TestImages.jpeg(333, 222, true, false, 0));
        assertEquals(1, gray.channels());
        for (int[] hv : new int[][] {{2, 1}, {1, 2}, {1, 1}, {2, 2}}) {
            ImageInfo info = admitted(ProducerFiles.jpegSampled(333, 222, hv[0], hv[1]));
            assertEquals(333, info.width());
            assertTrue(info.verified(), hv[0] + "x" + hv[1]);
        }
    }

    @Test
    void cmykAndYcckAreFourChannelImages() {
        for (int transform : new int[] {0, 2}) {
            ImageInfo info = admitted(ProducerFiles.jpegFourComponents(120, 80, transform));
            assertEquals(4, info.channels());
            assertEquals(120, info.width());
        }
    }

    /** OpenCV's libjpeg decodes 8-bit Huffman-coded JPEGs only: the rest is refused by name, before any decode. */
    @Test
    void twelveBitArithmeticLosslessAndHierarchicalJpegsAreRefusedByName() {
        byte[] photo = TestImages.jpeg(64, 48, false, false, 0);
        assertRefused(ProducerFiles.withFrame(photo, 0xC1, 12), "12-bit");
        assertRefused(ProducerFiles.withFrame(photo, 0xC9, 8), "arithmetic-coded");
        assertRefused(ProducerFiles.withFrame(photo, 0xCA, 8), "arithmetic-coded");
        assertRefused(ProducerFiles.withFrame(photo, 0xC3, 8), "lossless");
        assertRefused(ProducerFiles.withFrame(photo, 0xC5, 8), "hierarchical");
    }

    /** ComfyUI's prompt and workflow (500 KB each), Automatic1111's parameters, compressed text, before IDAT. */
    @Test
    void generatorPngsWithLargeTextChunksBeforeTheImageDataAreRead() {
        byte[] png = TestPngs.image(96, 64, 8, 2, false);
        byte[] comfy = ProducerPngs.beforeIdat(png, ProducerPngs.text("prompt", ProducerPngs.comfyWorkflow(500_000)),
                ProducerPngs.text("workflow", ProducerPngs.comfyWorkflow(500_000)));
        assertEquals(96, admitted(comfy).width());
        assertTrue(PngData.verify(comfy).proven());
        byte[] a1111 = ProducerPngs.beforeIdat(png, ProducerPngs.text("parameters",
                "portrait photo, natural skin\nNegative prompt: plastic\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 5, Seed: 1"));
        assertTrue(PngData.verify(a1111).proven());
        byte[] compressed = ProducerPngs.beforeIdat(png, ProducerPngs.ztxt("workflow", ProducerPngs.comfyWorkflow(2_000_000)),
                ProducerPngs.itxt("prompt", ProducerPngs.comfyWorkflow(2_000_000)));
        assertEquals(64, admitted(compressed).height());
        assertTrue(PngData.verify(compressed).proven());
    }

    /** C2PA (OpenAI's images carry it), eXIf and iCCP, in colour types and depths generators write. */
    @Test
    void pngsWithContentCredentialsExifAndIccAreRead() {
        for (int[] kind : new int[][] {{8, 2}, {16, 2}, {8, 6}, {16, 6}, {8, 4}, {16, 0}, {8, 3}}) {
            for (boolean adam7 : new boolean[] {false, true}) {
                byte[] png = ProducerPngs.beforeIdat(TestPngs.image(50, 40, kind[0], kind[1], adam7), ProducerPngs.iccp(3_000),
                        ProducerPngs.exifChunk(1), ProducerPngs.cabx(300_000));
                ImageInfo info = admitted(png);
                assertEquals(50, info.width());
                assertEquals(kind[0] == 16 ? 2 : 1, info.bytesPerSample());
                assertTrue(PngData.verify(png).proven(), kind[0] + "-bit type " + kind[1] + (adam7 ? " Adam7" : ""));
            }
        }
    }

    /**
     * An editor that keeps a phone photo's EXIF in the PNG it saves (ImageMagick, exiftool) leaves the pixels as stored
     * and the orientation in eXIf, before or after the image data: OpenCV's decoder and browsers turn the picture by it.
     */
    @Test
    void aPngsExifOrientationIsReadBeforeOrAfterTheImageData() {
        byte[] png = TestPngs.image(50, 40, 8, 2, false);
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] exif = ProducerPngs.exifChunk(orientation);
            assertEquals(orientation, admitted(ProducerPngs.beforeIdat(png, exif)).orientation());
            byte[] afterIdat = TestImages.insert(png, ProducerFiles.indexOf(png, ProducerFiles.ascii("IEND")) - 4, exif);
            assertEquals(orientation, admitted(afterIdat).orientation(), "after IDAT");
        }
        byte[] withPrefix = TestImages.chunk("eXIf", ProducerFiles.concat(ProducerFiles.ascii("Exif\0\0"), new byte[30]));
        assertEquals(1, admitted(ProducerPngs.beforeIdat(png, withPrefix)).orientation(), "not a TIFF structure: libpng refuses it");
    }

    /** libpng stops at any chunk over 8,000,000 bytes ("chunk data is too large"): so is a metadata chunk refused. */
    @Test
    void aMetadataChunkOverLibpngsLimitIsRefusedByName() {
        byte[] png = ProducerPngs.beforeIdat(TestPngs.image(50, 40, 8, 2, false), ProducerPngs.cabx(8_100_000));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(png));
        assertTrue(e.getMessage().contains("caBX chunk of 81000"), e.getMessage());
        assertTrue(e.getMessage().contains("libpng's limit of 8000000"), e.getMessage());
    }

    @Test
    void formatsTheEngineDoesNotReadAreRefusedByName() {
        assertRefused(ProducerFiles.isoBmff("avif"), "AVIF");
        assertRefused(ProducerFiles.isoBmff("heic"), "HEIC");
        assertRefused(ProducerFiles.isoBmff("mif1"), "HEIF");
        assertRefused(ProducerFiles.gif(), "GIF");
        assertRefused(ProducerFiles.concat(new byte[] {(byte) 0xFF, 0x0A}, new byte[30]), "JPEG XL");
    }

    private static void assertRefused(byte[] file, String named) {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(file));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    private static int count(byte[] b, byte[] what) {
        int n = 0;
        for (int at = ProducerFiles.indexOf(b, what); at >= 0; ) {
            n++;
            byte[] rest = java.util.Arrays.copyOfRange(b, at + 1, b.length);
            int next = ProducerFiles.indexOf(rest, what);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return n;
    }
}
