package io.realskin.imaging.opencv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExifOrientationTest {
    @BeforeAll
    static void openCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    /**
     * A 3x2 picture stored as 1 2 3 / 4 5 6, shown as the EXIF specification defines each value (TIFF 6.0's
     * Orientation: where the stored first row and column go), rows separated by '/'.
     */
    @ParameterizedTest
    @CsvSource({
            "2, 3 2 1 / 6 5 4",
            "3, 6 5 4 / 3 2 1",
            "4, 4 5 6 / 1 2 3",
            "5, 1 4 / 2 5 / 3 6",
            "6, 4 1 / 5 2 / 6 3",
            "7, 6 3 / 5 2 / 4 1",
            "8, 3 6 / 2 5 / 1 4"})
    void eachOrientationShowsTheStoredPixelsAsTheSpecificationSays(int orientation, String shown) {
        Mat stored = new Mat(2, 3, CvType.CV_8UC1);
        stored.put(0, 0, 1, 2, 3, 4, 5, 6);
        Mat upright = ExifOrientation.upright(stored, orientation);
        String[] rows = shown.split("/");
        assertEquals(rows.length, upright.rows());
        for (int y = 0; y < rows.length; y++) {
            String[] cells = rows[y].trim().split(" ");
            byte[] expected = new byte[cells.length];
            for (int x = 0; x < cells.length; x++) {
                expected[x] = Byte.parseByte(cells[x]);
            }
            byte[] actual = new byte[upright.cols()];
            upright.get(y, 0, actual);
            assertArrayEquals(expected, actual, "orientation " + orientation + ", row " + y);
        }
        assertArrayEquals(new byte[] {1, 2, 3}, row(stored), "the stored picture is left as it was");
        upright.release();
        stored.release();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, -1})
    void anUprightOrUnknownOrientationIsThePictureItself(int orientation) {
        Mat stored = new Mat(2, 3, CvType.CV_8UC1);
        assertSame(stored, ExifOrientation.upright(stored, orientation));
        stored.release();
    }

    private static byte[] row(Mat m) {
        byte[] out = new byte[m.cols()];
        m.get(0, 0, out);
        return out;
    }
}
