package io.realskin.generation.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.PngData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The walk stands in for the proof decode only where libjpeg decodes the file, and PngData only where libpng does:
 * checked on every JPEG and PNG of shared/portraits, as other cameras, editors and generators encoded them.
 */
class SharedPortraitsProofTest {
    /** ../shared beside the checkout's root (surefire runs in the module's directory, one level below). */
    private static final Path PORTRAITS = Path.of(System.getProperty("realskin.portraits", "../../shared/portraits"));

    @Test
    void everyJpegTheWalkVerifiesDecodesInLibjpeg() throws IOException {
        assumeTrue(Files.isDirectory(PORTRAITS), "shared/portraits is not beside this checkout ("
                + PORTRAITS.toAbsolutePath().normalize() + "); ImageChecksTest covers the encodings on libjpeg's own files");
        ImageChecks checks = new ImageChecks(ImageLimits.DEFAULT);
        List<String> verified = new ArrayList<>();
        List<String> decodedInstead = new ArrayList<>();
        try (Stream<Path> files = Files.walk(PORTRAITS)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length < 3 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != 0xD8) continue; // by content
                ImageInfo info = ImageProbe.probe(bytes);
                String name = PORTRAITS.relativize(file).toString();
                if (info.verified()) {
                    Mat decoded = Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_REDUCED_COLOR_4 | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
                    assertFalse(decoded.empty(), name + ": verified by the walk, refused by libjpeg");
                    assertEquals((info.width() + 3) / 4, decoded.cols(), name);
                    decoded.release();
                    verified.add(name);
                } else {
                    decodedInstead.add(name);
                }
                assertEquals(ImageFormat.JPEG, checks.decodable(bytes).format(), name);
            }
        }
        System.out.println("walk verified " + verified.size() + " JPEGs; decoded instead: " + decodedInstead);
        assertTrue(verified.size() >= 10, "the set has JPEGs libjpeg accepts: " + verified.size());
    }

    /** Every PNG of the set (by content) is proven by PngData, and libpng decodes it. */
    @Test
    void everyPngIsProvenAndDecodesInLibpng() throws IOException {
        assumeTrue(Files.isDirectory(PORTRAITS), "shared/portraits is not beside this checkout ("
                + PORTRAITS.toAbsolutePath().normalize() + "); PngProofTest covers the encodings");
        ImageChecks checks = new ImageChecks(ImageLimits.DEFAULT);
        int proven = 0;
        try (Stream<Path> files = Files.walk(PORTRAITS)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length < 8 || (bytes[0] & 0xFF) != 0x89 || bytes[1] != 'P') continue; // by content
                String name = PORTRAITS.relativize(file).toString();
                assertTrue(PngData.verify(bytes).proven(), name + ": " + PngData.verify(bytes).unproven());
                MatOfByte buffer = new MatOfByte(bytes);
                Mat decoded = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED);
                assertEquals(ImageProbe.probe(bytes).width(), decoded.cols(), name + ": proven, yet libpng refuses it");
                decoded.release();
                buffer.release();
                assertEquals(ImageFormat.PNG, checks.decodable(bytes).format(), name);
                proven++;
            }
        }
        System.out.println("PngData proved " + proven + " PNGs, each decoded by libpng");
        assertTrue(proven >= 10, "the set has PNGs: " + proven);
    }
}
