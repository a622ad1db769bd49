package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;
import java.util.List;

/**
 * The frame's own grain: the fine-band rms (same band and scale as {@link SkinStatistics#fineRms()}) of the
 * flattest non-face areas around a face. Beauty smoothing works on skin and leaves the background's sensor noise,
 * film grain or generator cleanliness alone, so this is evidence of how much fine texture the photo carries.
 * <p>
 * Where: a window of twice the face's region around it, copied at the face's analysis scale, minus every face's
 * region. Blocks of {@value #BLOCK} px; the quarter with the least middle-band (structure) energy are the flat ones;
 * blocks near black or white (clipped, no noise) do not count. The floor is the median fine-band rms of the flat
 * blocks.
 */
final class NoiseFloor {
    static final int BLOCK = 8;
    /** Fewer flat blocks than this and the floor is unknown. */
    static final int MIN_BLOCKS = 12;

    /**
     * @param rms fine-band rms in gray levels (0..255) at the analysis scale, NaN when unknown
     * @param blocks number of flat blocks it rests on
     */
    record Result(double rms, int blocks, double detail) {
        boolean known() {
            return !Double.isNaN(rms);
        }
    }

    private NoiseFloor() {
    }

    static Result measure(Mat bgr8, FaceRegion r, List<Rect> faceRegions) {
        Rect roi = r.roi();
        int x0 = Math.max(0, roi.x - roi.width / 2), y0 = Math.max(0, roi.y - roi.height / 2);
        int x1 = Math.min(bgr8.cols(), roi.x + roi.width + roi.width / 2);
        int y1 = Math.min(bgr8.rows(), roi.y + roi.height + roi.height / 2);
        Rect win = new Rect(x0, y0, x1 - x0, y1 - y0);
        double s = r.scale();
        int w = (int) Math.round(win.width * s), h = (int) Math.round(win.height * s);
        int bw = w / BLOCK, bh = h / BLOCK;
        if (bw < 2 || bh < 2) return new Result(Double.NaN, 0, Double.NaN);
        Mat sub = bgr8.submat(win);
        Mat small = new Mat(), gray = new Mat(), b1 = new Mat(), b4 = new Mat(), fine = new Mat(), mid = new Mat();
        Mat fineBlocks = new Mat(), midBlocks = new Mat(), meanBlocks = new Mat(), minBlocks = new Mat(), maxBlocks = new Mat();
        try {
            Imgproc.resize(sub, small, new Size(w, h), 0, 0, s < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_NEAREST);
            Imgproc.cvtColor(small, gray, Imgproc.COLOR_BGR2GRAY);
            gray.convertTo(gray, CvType.CV_32F);
            Mat cropped = gray.submat(0, bh * BLOCK, 0, bw * BLOCK);
            Imgproc.GaussianBlur(cropped, b1, new Size(0, 0), SkinStatistics.FINE_SIGMA);
            Imgproc.GaussianBlur(cropped, b4, new Size(0, 0), 4 * SkinStatistics.FINE_SIGMA);
            Core.subtract(cropped, b1, fine);
            Core.subtract(b1, b4, mid);
            Core.multiply(fine, fine, fine);
            Core.multiply(mid, mid, mid);
            Size blocks = new Size(bw, bh);
            Imgproc.resize(fine, fineBlocks, blocks, 0, 0, Imgproc.INTER_AREA);
            Imgproc.resize(mid, midBlocks, blocks, 0, 0, Imgproc.INTER_AREA);
            Imgproc.resize(cropped, meanBlocks, blocks, 0, 0, Imgproc.INTER_AREA);
            // darkest and brightest pixel per block: a block touching black or white is clipped
            Mat k = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(BLOCK, BLOCK));
            Imgproc.erode(cropped, minBlocks, k);
            Imgproc.dilate(cropped, maxBlocks, k);
            k.release();
            cropped.release();
            float[] fv = new float[bw * bh], mv = new float[bw * bh], lv = new float[bw * bh];
            int cw = bw * BLOCK;
            float[] lowest = new float[cw * bh * BLOCK], highest = new float[lowest.length];
            minBlocks.get(0, 0, lowest);
            maxBlocks.get(0, 0, highest);
            fineBlocks.get(0, 0, fv);
            midBlocks.get(0, 0, mv);
            meanBlocks.get(0, 0, lv);
            int n = 0;
            double[][] candidates = new double[bw * bh][];
            double blockSize = BLOCK / s;
            for (int by = 0; by < bh; by++) {
                for (int bx = 0; bx < bw; bx++) {
                    int i = by * bw + bx;
                    int cx = BLOCK * bx + BLOCK / 2, cy = BLOCK * by + BLOCK / 2;
                    if (lowest[cy * cw + cx] <= 3 || highest[cy * cw + cx] >= 252 || lv[i] < 12) continue;
                    double ix = win.x + BLOCK * bx / s, iy = win.y + BLOCK * by / s;
                    if (insideAny(faceRegions, ix, iy, blockSize)) continue;
                    candidates[n++] = new double[] {mv[i], Math.sqrt(fv[i]), Math.sqrt(fv[i] / Math.max(1e-6, mv[i]))};
                }
            }
            if (n < 4 * MIN_BLOCKS) return new Result(Double.NaN, n, Double.NaN);
            double[][] c = Arrays.copyOf(candidates, n);
            Arrays.sort(c, (a, b) -> Double.compare(a[0], b[0]));
            int flat = n / 4;
            double[] rms = new double[flat];
            for (int i = 0; i < flat; i++) rms[i] = c[i][1];
            Arrays.sort(rms);
            double[] ratio = new double[flat];
            for (int i = 0; i < flat; i++) ratio[i] = c[n - 1 - i][2];
            Arrays.sort(ratio);
            return new Result(rms[flat / 2], flat, ratio[flat / 2]);
        } finally {
            for (Mat m : new Mat[] {sub, small, gray, b1, b4, fine, mid, fineBlocks, midBlocks, meanBlocks, minBlocks, maxBlocks}) {
                m.release();
            }
        }
    }

    private static boolean insideAny(List<Rect> rects, double x, double y, double size) {
        for (Rect q : rects) {
            if (x + size > q.x && x < q.x + q.width && y + size > q.y && y < q.y + q.height) return true;
        }
        return false;
    }
}
