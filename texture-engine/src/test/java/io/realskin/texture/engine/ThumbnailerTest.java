package io.realskin.texture.engine;

import io.realskin.imaging.opencv.ExifOrientation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.IccProfile;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ProducerFiles;
import io.realskin.imaging.ProducerTiffs;
import io.realskin.imaging.TestImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class ThumbnailerTest {
    @Test
    void aJpegIsDecodedAtTheSmallestReductionThatStillCoversTheThumbnail() {
        ImageInfo jpeg = new ImageInfo(ImageFormat.JPEG, 4000, 3000, 1, true);
        assertEquals(8, Thumbnailer.reduction(jpeg, 4000, 320), "4000 / 8 = 500 >= 320");
        assertEquals(4, Thumbnailer.reduction(jpeg, 2000, 320), "2000 / 8 = 250 < 320, 2000 / 4 = 500");
        assertEquals(2, Thumbnailer.reduction(jpeg, 1000, 320));
        assertEquals(1, Thumbnailer.reduction(jpeg, 500, 320), "500 / 2 = 250 < 320: decoded whole");
        assertEquals(1, Thumbnailer.reduction(jpeg, 100, 100), "never below the thumbnail's own width");
    }

    @Test
    void otherFormatsAreDecodedWhole() {
        assertEquals(1, Thumbnailer.reduction(new ImageInfo(ImageFormat.PNG, 4000, 3000, 1, true), 4000, 320));
    }

    @Test
    void aTiffsOrientationIsAppliedOnceAsForEveryOtherDecode() {
        Thumbnailer thumbnailer = new Thumbnailer(ImageLimits.DEFAULT); // loads OpenCV
        Mat stored = new Mat(40, 80, CvType.CV_8UC3, new Scalar(0, 0, 0));
        stored.submat(0, 40, 0, 40).setTo(new Scalar(255, 128, 0)); // its left half coloured
        byte[] tiff = SafeImageDecoderTest.rgbTiff(stored, 6);
        Mat shown = Imgcodecs.imdecode(new MatOfByte(tiff), Imgcodecs.IMREAD_COLOR); // upright: OpenCV turns a TIFF itself

        Thumbnailer.Thumbnail thumbnail = thumbnailer.render(tiff, 320);
        assertEquals(40, thumbnail.width());
        assertEquals(80, thumbnail.height());
        Mat small = Imgcodecs.imdecode(new MatOfByte(thumbnail.bytes()), Imgcodecs.IMREAD_COLOR);
        Mat diff = new Mat();
        Core.absdiff(small, shown, diff);
        double meanDifference = Core.mean(diff).val[0] + Core.mean(diff).val[1] + Core.mean(diff).val[2];
        assertTrue(meanDifference < 30, "the picture as shown, up to JPEG's error; turned twice it differs by ~190: " + meanDifference);
    }

    @Test
    void aTiledTiffsThumbnailIsThePictureAsItsOrientationTagSays() {
        Thumbnailer thumbnailer = new Thumbnailer(ImageLimits.DEFAULT);
        Mat stored = new Mat(48, 80, CvType.CV_8UC3, new Scalar(0, 0, 0));
        for (int x = 0; x < 80; x++) stored.submat(0, 48, x, x + 1).setTo(new Scalar(3 * x, 3 * x, 3 * x)); // a ramp: no tile alike
        for (int orientation : new int[] {2, 6}) {
            Mat expected = ExifOrientation.upright(stored, orientation);
            Thumbnailer.Thumbnail thumbnail = thumbnailer.render(SafeImageDecoderTest.tiledTiff(stored, orientation, 16), 320);
            Mat small = Imgcodecs.imdecode(new MatOfByte(thumbnail.bytes()), Imgcodecs.IMREAD_COLOR);
            assertEquals(expected.size(), small.size(), "orientation " + orientation);
            Mat diff = new Mat();
            Core.absdiff(small, expected, diff);
            double meanDifference = Core.mean(diff).val[0] + Core.mean(diff).val[1] + Core.mean(diff).val[2];
            assertTrue(meanDifference < 30, "orientation " + orientation + ", up to JPEG's error; tiles mirrored in place differ by ~350: "
                    + meanDifference);
        }
    }

    @Test
    void theImagesIccProfileGoesWithItsThumbnailUnlessItOutweighsIt() {
        Thumbnailer thumbnailer = new Thumbnailer(ImageLimits.DEFAULT);
        byte[] profile = ProducerFiles.iccProfile(3_000);
        byte[] jpeg = TestImages.insertAfterSoi(TestImages.jpeg(640, 480, false, false, 0), ProducerFiles.iccSegments(3_000));
        Thumbnailer.Thumbnail thumbnail = thumbnailer.render(jpeg, 320);
        assertArrayEquals(profile, IccProfile.of(thumbnail.bytes()));
        assertEquals(320, Imgcodecs.imdecode(new MatOfByte(thumbnail.bytes()), Imgcodecs.IMREAD_COLOR).cols(), "decoders read past it");

        byte[] printProfile = TestImages.insertAfterSoi(TestImages.jpeg(640, 480, false, false, 0), ProducerFiles.iccSegments(200_000));
        assertNull(IccProfile.of(thumbnailer.render(printProfile, 320).bytes()), "a 200 KB profile is not copied into a 20 KB thumbnail");
        assertNull(IccProfile.of(thumbnailer.render(TestImages.jpeg(640, 480, false, false, 0), 320).bytes()));

        BufferedImage photo = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        byte[] tiff = ProducerTiffs.jdk(photo, profile, null);
        assertArrayEquals(profile, IccProfile.of(thumbnailer.render(tiff, 320).bytes()), "a TIFF's profile too");
    }
}
