package io.realskin.bench.texture;

import io.realskin.imaging.ImageFormat;
import io.realskin.texture.engine.SourceRestoreOptions;
import io.realskin.texture.engine.SourceRestoreResult;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * source-restore quality (issue 16, part 4): every portrait (ground truth: the file, reduced to at most
 * {@link #MAX_SIDE} px on its long side, even size) is degraded the way a poor source is (2x area downscale, JPEG
 * quality 25), then brought back to full size by bicubic, Lanczos and source-restore (upscale 2, denoise auto).
 * PSNR (all channels) and SSIM (luma, 11x11 Gaussian window) against the ground truth, per image, per source
 * (the file name's prefix) and overall. Usage: SourceRestoreBench PORTRAITS_DIR
 */
public final class SourceRestoreBench {
    static final int MAX_SIDE = 1536;

    record Row(String source, String file, double[] psnr, double[] ssim, double ms) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        TextureEngine engine = new TextureEngine();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().matches(".*\\.(jpe?g|png)$")).sorted().toList();
        }
        System.out.println("degradation: 2x INTER_AREA downscale, JPEG q25 (OpenCV, 4:2:0); ground truth <= " + MAX_SIDE + " px");
        System.out.printf(Locale.ROOT, "%-48s %8s %8s %8s %7s | %6s %6s %6s | %6s%n", "image", "bicubic", "lanczos", "ours",
                "gain", "ssimBc", "ssimLz", "ssimUs", "ms");
        List<Row> rows = new ArrayList<>();
        for (Path f : files) {
            Mat gt = groundTruth(Imgcodecs.imread(f.toString(), Imgcodecs.IMREAD_COLOR));
            if (gt == null) continue;
            byte[] jpeg = degrade(gt);
            Mat decoded = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
            Mat bicubic = new Mat(), lanczos = new Mat();
            Imgproc.resize(decoded, bicubic, gt.size(), 0, 0, Imgproc.INTER_CUBIC);
            Imgproc.resize(decoded, lanczos, gt.size(), 0, 0, Imgproc.INTER_LANCZOS4);
            long t0 = System.nanoTime();
            SourceRestoreResult r = engine.sourceRestore(jpeg, SourceRestoreOptions.defaults().withOutputFormat(ImageFormat.PNG));
            double ms = (System.nanoTime() - t0) / 1e6;
            Mat ours = Imgcodecs.imdecode(new MatOfByte(r.bytes()), Imgcodecs.IMREAD_COLOR);
            String name = dir.relativize(f).toString();
            String source = f.getFileName().toString().split("__")[0];
            double[] psnr = {Core.PSNR(gt, bicubic), Core.PSNR(gt, lanczos), Core.PSNR(gt, ours)};
            double[] ssim = {ssim(gt, bicubic), ssim(gt, lanczos), ssim(gt, ours)};
            rows.add(new Row(source, name, psnr, ssim, ms));
            System.out.printf(Locale.ROOT, "%-48s %8.2f %8.2f %8.2f %+7.2f | %6.4f %6.4f %6.4f | %6.0f%n", name, psnr[0], psnr[1],
                    psnr[2], psnr[2] - psnr[1], ssim[0], ssim[1], ssim[2], ms);
            for (Mat m : List.of(gt, decoded, bicubic, lanczos, ours)) m.release();
        }
        Map<String, List<Row>> bySource = new TreeMap<>();
        for (Row r : rows) bySource.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r);
        System.out.println();
        System.out.println("| source | images | PSNR bicubic | PSNR Lanczos | PSNR source-restore | gain over Lanczos | SSIM bicubic | SSIM Lanczos | SSIM source-restore |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (var e : bySource.entrySet()) line(e.getKey(), e.getValue());
        line("**all**", rows);
        double[] gains = rows.stream().mapToDouble(r -> r.psnr()[2] - r.psnr()[1]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%nmedian PSNR gain over Lanczos: %+.2f dB (target >= +1.00 dB); min %+.2f, max %+.2f; "
                + "images with a gain: %d of %d; median time %.0f ms%n", median(gains), gains[0], gains[gains.length - 1],
                rows.stream().filter(r -> r.psnr()[2] > r.psnr()[1]).count(), rows.size(),
                median(rows.stream().mapToDouble(Row::ms).sorted().toArray()));
    }

    /** Median per column (values are per-image medians, gain is the median of per-image gains). */
    private static void line(String source, List<Row> rows) {
        double[] m = new double[6];
        for (int i = 0; i < 3; i++) {
            int k = i;
            m[i] = median(rows.stream().mapToDouble(r -> r.psnr()[k]).sorted().toArray());
            m[3 + i] = median(rows.stream().mapToDouble(r -> r.ssim()[k]).sorted().toArray());
        }
        double gain = median(rows.stream().mapToDouble(r -> r.psnr()[2] - r.psnr()[1]).sorted().toArray());
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %+.2f | %.4f | %.4f | %.4f |%n", source, rows.size(),
                m[0], m[1], m[2], gain, m[3], m[4], m[5]);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The poor source made of a ground truth: 2x area downscale, JPEG quality 25 (OpenCV, 4:2:0). */
    static byte[] degrade(Mat gt) {
        Mat low = downscale(gt);
        byte[] jpeg = encode(low);
        low.release();
        return jpeg;
    }

    /** The degradation's first step: 2x area downscale. */
    static Mat downscale(Mat gt) {
        Mat low = new Mat();
        Imgproc.resize(gt, low, new Size(gt.cols() / 2, gt.rows() / 2), 0, 0, Imgproc.INTER_AREA);
        return low;
    }

    /** The degradation's second step: JPEG quality 25 (OpenCV, 4:2:0). */
    static byte[] encode(Mat low) {
        MatOfByte enc = new MatOfByte();
        Imgcodecs.imencode(".jpg", low, enc, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 25));
        return enc.toArray();
    }

    static Mat groundTruth(Mat img) {
        if (img.empty()) return null;
        double s = Math.min(1.0, (double) MAX_SIDE / Math.max(img.cols(), img.rows()));
        Mat out = img;
        if (s < 1) {
            out = new Mat();
            Imgproc.resize(img, out, new Size(Math.round(img.cols() * s), Math.round(img.rows() * s)), 0, 0, Imgproc.INTER_AREA);
            img.release();
        }
        Mat even = out.submat(0, out.rows() / 2 * 2, 0, out.cols() / 2 * 2).clone();
        out.release();
        return even;
    }

    /** SSIM (Wang et al. 2004) of the luma, Gaussian window sigma 1.5, K1 0.01, K2 0.03. */
    static double ssim(Mat a, Mat b) {
        Mat x = luma(a), y = luma(b);
        Mat mx = new Mat(), my = new Mat(), xx = new Mat(), yy = new Mat(), xy = new Mat();
        Size w = new Size(11, 11);
        Imgproc.GaussianBlur(x, mx, w, 1.5);
        Imgproc.GaussianBlur(y, my, w, 1.5);
        Core.multiply(x, x, xx);
        Core.multiply(y, y, yy);
        Core.multiply(x, y, xy);
        Imgproc.GaussianBlur(xx, xx, w, 1.5);
        Imgproc.GaussianBlur(yy, yy, w, 1.5);
        Imgproc.GaussianBlur(xy, xy, w, 1.5);
        Mat mx2 = mx.mul(mx), my2 = my.mul(my), mxy = mx.mul(my);
        Core.subtract(xx, mx2, xx); // sigma x^2
        Core.subtract(yy, my2, yy);
        Core.subtract(xy, mxy, xy);
        double c1 = Math.pow(0.01 * 255, 2), c2 = Math.pow(0.03 * 255, 2);
        Mat num1 = new Mat(), num2 = new Mat(), den1 = new Mat(), den2 = new Mat();
        Core.multiply(mxy, new org.opencv.core.Scalar(2), num1);
        Core.add(num1, new org.opencv.core.Scalar(c1), num1);
        Core.multiply(xy, new org.opencv.core.Scalar(2), num2);
        Core.add(num2, new org.opencv.core.Scalar(c2), num2);
        Core.add(mx2, my2, den1);
        Core.add(den1, new org.opencv.core.Scalar(c1), den1);
        Core.add(xx, yy, den2);
        Core.add(den2, new org.opencv.core.Scalar(c2), den2);
        Mat num = num1.mul(num2), den = den1.mul(den2), map = new Mat();
        Core.divide(num, den, map);
        return Core.mean(map).val[0];
    }

    private static Mat luma(Mat bgr) {
        Mat g = new Mat(), f = new Mat();
        Imgproc.cvtColor(bgr, g, Imgproc.COLOR_BGR2GRAY);
        g.convertTo(f, CvType.CV_32F);
        return f;
    }
}
