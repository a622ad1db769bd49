package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The input kept as copies of the work regions reads back as the whole input: the same rows, the same hash and the
 * same change count as with a copy of the whole image, for overlapping regions that cross strips and the image's edge.
 */
class RegionCopiesTest {
    @BeforeAll
    static void load() {
        OpenCvLoader.load();
    }

    @Test
    void regionCopiesReadBackAsTheWholeInput() {
        for (int type : new int[] {CvType.CV_8UC3, CvType.CV_16UC3, CvType.CV_8UC4, CvType.CV_8UC1}) {
            Mat working = new Mat(300, 170, type);
            Core.randu(working, 0, CvType.depth(type) == CvType.CV_16U ? 65536 : 256);
            Mat original = working.clone();
            List<Rect> regions = List.of(new Rect(20, 50, 80, 100), new Rect(60, 120, 140, 90), new Rect(-10, 280, 40, 40));
            try (RegionCopies copies = new RegionCopies(working, regions)) {
                paint(working, new Rect(30, 60, 10, 7));
                paint(working, new Rect(90, 140, 50, 70));
                paint(working, new Rect(0, 290, 5, 10));
                Mat scratch = new Mat();
                for (int y0 = 0; y0 < working.rows(); y0 += OutsideHash.STRIP_ROWS) {
                    int y1 = Math.min(working.rows(), y0 + OutsideHash.STRIP_ROWS);
                    Mat got = copies.rows(y0, y1, scratch), want = original.rowRange(y0, y1);
                    assertEquals(0, differing(got, want), "rows " + y0 + ".." + y1);
                    got.release();
                    want.release();
                }
                List<LocalityReceipt.Box> boxes = copies.boxes(1, 0);
                // the first region overlaps the second's change, and its box holds that part too
                assertEquals(List.of(new LocalityReceipt.Box(30, 60, 70, 90), new LocalityReceipt.Box(90, 140, 50, 70),
                        new LocalityReceipt.Box(0, 290, 5, 10)), boxes);
                LocalityReceipt fromCopies = LocalityReceipts.receipt(copies, PixelRows.of(working), boxes, 2);
                LocalityReceipt fromWhole = LocalityReceipts.receipt(original, working, boxes, 2);
                assertEquals(fromWhole, fromCopies);
                assertEquals(OutsideHash.sha256(original, boxes), fromCopies.sha256Before());
                assertEquals(differing(original, working), fromCopies.changedPixels());
                assertTrue(fromCopies.identical());
                assertEquals(OutsideHash.sha256(original, List.of()),
                        LocalityReceipts.receipt(copies, copies, List.of(), 1).sha256Before());
            }
        }
    }

    private static void paint(Mat m, Rect r) {
        Mat sub = m.submat(r);
        Core.bitwise_not(sub, sub);
        sub.release();
    }

    /** Pixels in which any sample differs, pixel by pixel. */
    private static long differing(Mat a, Mat b) {
        long n = 0;
        for (int y = 0; y < a.rows(); y++) {
            for (int x = 0; x < a.cols(); x++) {
                if (!java.util.Arrays.equals(a.get(y, x), b.get(y, x))) n++;
            }
        }
        return n;
    }
}
