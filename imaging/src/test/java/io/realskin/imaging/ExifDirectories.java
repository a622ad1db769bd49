package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;

/** The IFDs of an APP1 EXIF segment as javax.imageio's TIFF reader reads them (IFD0, IFD1, ...): a reader not ours. */
public final class ExifDirectories {
    private ExifDirectories() {
    }

    public static List<TIFFDirectory> read(byte[] app1) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("tiff").next();
        try {
            reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(Arrays.copyOfRange(app1, 10, app1.length))));
            List<TIFFDirectory> ifds = new ArrayList<>();
            for (int i = 0; i < reader.getNumImages(true); i++) {
                ifds.add(TIFFDirectory.createFromMetadata(reader.getImageMetadata(i)));
            }
            return ifds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
    }

    /** The segment holds IFD0 alone, with all {@link ProducerFiles#exif} put in it: Make, Orientation, the Exif and GPS IFDs. */
    public static void assertPhoneExifWithoutIfd1(byte[] app1, int orientation) {
        List<TIFFDirectory> ifds = read(app1);
        assertEquals(1, ifds.size(), "IFD0 and no other");
        TIFFDirectory ifd0 = ifds.get(0);
        assertEquals("Google", ifd0.getTIFFField(0x010F).getAsString(0));
        assertEquals(orientation, ifd0.getTIFFField(0x0112).getAsInt(0));
        assertEquals("2026:12:04 10:00:00", ifd0.getTIFFField(0x8769).getDirectory().getTIFFField(0x9003).getAsString(0));
        TIFFDirectory gps = ifd0.getTIFFField(0x8825).getDirectory();
        assertEquals("N", gps.getTIFFField(1).getAsString(0));
        for (int i = 0; i < 3; i++) {
            int[] expected = ProducerFiles.GPS_LATITUDE[i];
            assertArrayEquals(new long[] {expected[0], expected[1]}, gps.getTIFFField(2).getAsRational(i), "GPS latitude");
        }
    }

    /** IFD0's fields with their values, and those of the IFDs it points at (Exif, GPS), as text to compare. */
    public static String ifd0(byte[] app1) {
        return describe(read(app1).get(0));
    }

    private static String describe(TIFFDirectory ifd) {
        StringBuilder s = new StringBuilder();
        for (TIFFField f : ifd.getTIFFFields()) {
            s.append(f.getTagNumber()).append('=');
            if (f.hasDirectory()) {
                s.append('{').append(describe(f.getDirectory())).append('}');
            } else {
                for (int i = 0; i < f.getCount(); i++) s.append(f.getValueAsString(i)).append(',');
            }
            s.append("; ");
        }
        return s.toString();
    }

    /** The first APP1 EXIF segment of a JPEG, or null. */
    public static byte[] segmentOf(byte[] jpeg) {
        int at = ProducerFiles.indexOf(jpeg, ProducerFiles.ascii("Exif\0\0")) - 4;
        if (at < 0) return null;
        return Arrays.copyOfRange(jpeg, at, at + 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF));
    }
}
