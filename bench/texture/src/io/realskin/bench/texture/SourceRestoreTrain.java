package io.realskin.bench.texture;

import io.realskin.texture.engine.ConsistentUpscale;
import io.realskin.texture.engine.DeblockFilters;
import io.realskin.texture.engine.DeblockTrainer;
import io.realskin.texture.engine.SourceRestorer;
import io.realskin.texture.engine.TextureEngine;
import io.realskin.texture.engine.UpscaleFilters;
import io.realskin.texture.engine.UpscaleTrainer;
import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegReader;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Trains source-restore's learned steps on the portraits, degraded exactly as {@link SourceRestoreBench} degrades them:
 * first the deblock's correction ({@link DeblockFilters}, from each file and the image it encodes), then the upscale
 * ({@link UpscaleFilters}, from the files cleaned by source-restore's own deblock/denoise with those filters and the
 * originals); and evaluates them leave-one-source-out (each source scored by filters solved without it; source = the
 * file name's prefix, as in MANIFEST.tsv) beside the all-sources fit. In the evaluation every file is deblocked with
 * the deblock filters solved without its source, for both upscale columns (so "all" is the upscale's in-sample fit,
 * not the shipped pipeline's; bench/texture/source-restore runs that).
 * Usage: SourceRestoreTrain train PORTRAITS_DIR UPSCALE_FILE DEBLOCK_FILE | SourceRestoreTrain evaluate PORTRAITS_DIR [RIDGE...]
 */
public final class SourceRestoreTrain {
    /** Ridge of the shipped upscale filters (levels^2 per sample). */
    static final double RIDGE = 1.0;
    /** Ridge of the shipped deblock filters (levels^2 per sample; 1e-5 to 1e-3 measured alike). */
    static final double DEBLOCK_RIDGE = 0.001;

    record Degraded(String source, String file, Mat truth, byte[] jpeg, JpegCoefficients coefficients) {
    }

    record Pair(String source, String file, Mat truth, Mat low, Mat lanczos, JpegCoefficients jpeg) {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        boolean evaluate = args[0].equals("evaluate");
        new TextureEngine(); // loads OpenCV
        List<Degraded> files = new ArrayList<>();
        DeblockTrainer deblock = new DeblockTrainer();
        for (Path f : files(Path.of(args[1]))) {
            Mat truth = SourceRestoreBench.groundTruth(Imgcodecs.imread(f.toString(), Imgcodecs.IMREAD_COLOR));
            if (truth == null) continue;
            Mat low = SourceRestoreBench.downscale(truth);
            byte[] jpeg = SourceRestoreBench.encode(low);
            Degraded d = new Degraded(f.getFileName().toString().split("__")[0], f.getFileName().toString(), truth, jpeg,
                    JpegReader.read(jpeg));
            deblock.add(d.source(), d.coefficients(), low);
            low.release();
            files.add(d);
        }
        DeblockFilters allDeblock = deblock.solve(null, DEBLOCK_RIDGE);
        Map<String, DeblockFilters> losoDeblock = new TreeMap<>();
        UpscaleTrainer trainer = new UpscaleTrainer();
        List<Pair> pairs = new ArrayList<>();
        for (Degraded d : files) {
            DeblockFilters filters = evaluate ? losoDeblock.computeIfAbsent(d.source(), s -> deblock.solve(s, DEBLOCK_RIDGE)) : allDeblock;
            Mat low = SourceRestorer.deblock(d.coefficients(), filters, 0);
            SourceRestorer.removeNoise(low, true);
            trainer.add(d.source(), low, d.truth());
            if (evaluate) {
                Mat decoded = Imgcodecs.imdecode(new MatOfByte(d.jpeg()), Imgcodecs.IMREAD_COLOR), lanczos = new Mat();
                Imgproc.resize(decoded, lanczos, d.truth().size(), 0, 0, Imgproc.INTER_LANCZOS4);
                decoded.release();
                pairs.add(new Pair(d.source(), d.file(), d.truth(), low, lanczos, d.coefficients()));
            } else {
                low.release();
                d.truth().release();
            }
        }
        System.err.printf(Locale.ROOT, "accumulated %d sources in %.0f s%n", trainer.groups().size(), (System.nanoTime() - t0) / 1e9);
        if (!evaluate) {
            try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
                trainer.solve(null, RIDGE).write(out);
            }
            try (OutputStream out = Files.newOutputStream(Path.of(args[3]))) {
                allDeblock.write(out);
            }
            return;
        }
        double[] ridges = args.length > 2 ? Stream.of(args).skip(2).mapToDouble(Double::parseDouble).toArray() : new double[]{RIDGE};
        for (double ridge : ridges) evaluate(trainer, pairs, ridge);
    }

    static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().matches(".*\\.(jpe?g|png)$")).sorted().toList();
        }
    }

    private static void evaluate(UpscaleTrainer trainer, List<Pair> pairs, double ridge) {
        Map<String, UpscaleFilters> loso = new TreeMap<>();
        for (String s : trainer.groups()) loso.put(s, trainer.solve(s, ridge));
        UpscaleFilters all = trainer.solve(null, ridge), none = UpscaleFilters.none();
        System.out.printf(Locale.ROOT, "%nridge %.2f; columns: Lanczos, base (no learned filters, no consistency step), learned leave-one-source-out, learned all sources (both followed by the consistency step)%n", ridge);
        System.out.printf(Locale.ROOT, "%-44s %7s %7s %7s %7s | %6s %6s %6s %6s | HF/orig %5s %5s %5s %5s | %5s%n", "image", "lanczos", "base", "loso",
                "all", "ssimLz", "ssimBs", "ssimLo", "ssimAl", "lz", "base", "loso", "all", "ms");
        Map<String, List<double[]>> bySource = new TreeMap<>();
        List<double[]> rows = new ArrayList<>();
        for (Pair p : pairs) {
            long t0 = System.nanoTime();
            Mat lo = ConsistentUpscale.upscale2x(loso.get(p.source()), p.low(), p.jpeg());
            double ms = (System.nanoTime() - t0) / 1e6;
            Mat base = none.upscale2x(p.low()), al = ConsistentUpscale.upscale2x(all, p.low(), p.jpeg());
            Mat[] outs = {p.lanczos(), base, lo, al};
            double[] r = new double[13];
            Mat mask = skinMask(p.truth());
            double hfTruth = highFrequency(p.truth(), mask);
            for (int i = 0; i < 4; i++) {
                r[i] = Core.PSNR(p.truth(), outs[i]);
                r[4 + i] = SourceRestoreBench.ssim(p.truth(), outs[i]);
                r[8 + i] = highFrequency(outs[i], mask) / hfTruth;
            }
            r[12] = ms;
            double[] pb = planePsnr(p.truth(), base), pl = planePsnr(p.truth(), lo);
            System.out.printf(Locale.ROOT, "%-44s %7.2f %7.2f %7.2f %7.2f | %6.4f %6.4f %6.4f %6.4f |         %5.2f %5.2f %5.2f %5.2f | %5.0f"
                            + " | Y Cr Cb base %.2f %.2f %.2f learned %.2f %.2f %.2f%n",
                    p.file(), r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], ms, pb[0], pb[1], pb[2], pl[0], pl[1], pl[2]);
            bySource.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(r);
            rows.add(r);
            for (Mat m : List.of(base, lo, al, mask)) m.release();
        }
        System.out.println();
        System.out.println("| source | images | PSNR Lanczos | PSNR base | PSNR learned, LOSO | PSNR learned, all | gain LOSO | gain all "
                + "| SSIM Lanczos | SSIM base | SSIM LOSO | SSIM all | skin HF / original: Lanczos, base, LOSO |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (var e : bySource.entrySet()) line(e.getKey(), e.getValue());
        line("**all**", rows);
    }

    private static void line(String source, List<double[]> rows) {
        double[] m = new double[13];
        for (int k = 0; k < 13; k++) {
            int c = k;
            m[k] = SourceRestoreBench.median(rows.stream().mapToDouble(r -> r[c]).sorted().toArray());
        }
        double gainBase = SourceRestoreBench.median(rows.stream().mapToDouble(r -> r[1] - r[0]).sorted().toArray());
        double gainLoso = SourceRestoreBench.median(rows.stream().mapToDouble(r -> r[2] - r[0]).sorted().toArray());
        double gainAll = SourceRestoreBench.median(rows.stream().mapToDouble(r -> r[3] - r[0]).sorted().toArray());
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f (%+.2f) | %.2f | %.2f | %+.2f | %+.2f | %.4f | %.4f | %.4f | %.4f | %.2f, %.2f, %.2f |%n",
                source, rows.size(), m[0], m[1], gainBase, m[2], m[3], gainLoso, gainAll, m[4], m[5], m[6], m[7], m[8], m[9], m[10]);
    }

    /** PSNR of each YCrCb plane (8-bit). */
    static double[] planePsnr(Mat truth, Mat img) {
        Mat a = new Mat(), b = new Mat(), ca = new Mat(), cb = new Mat();
        Imgproc.cvtColor(truth, a, Imgproc.COLOR_BGR2YCrCb);
        Imgproc.cvtColor(img, b, Imgproc.COLOR_BGR2YCrCb);
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            Core.extractChannel(a, ca, c);
            Core.extractChannel(b, cb, c);
            out[c] = Core.PSNR(ca, cb);
        }
        for (Mat m : List.of(a, b, ca, cb)) m.release();
        return out;
    }

    /**
     * Skin-coloured pixels of the original (YCrCb rule Cr 135-173, Cb 77-127, Y above 40), eroded 5x5 so that
     * edges against hair or background are left out.
     */
    static Mat skinMask(Mat bgr) {
        Mat ycc = new Mat(), mask = new Mat();
        Imgproc.cvtColor(bgr, ycc, Imgproc.COLOR_BGR2YCrCb);
        Core.inRange(ycc, new Scalar(40, 135, 77), new Scalar(255, 173, 127), mask);
        Imgproc.erode(mask, mask, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5)));
        ycc.release();
        return mask;
    }

    /** Mean squared luma high-pass (the image minus its Gaussian blur, sigma 1.5 px) over the mask. */
    static double highFrequency(Mat bgr, Mat mask) {
        Mat g = new Mat(), f = new Mat(), b = new Mat();
        Imgproc.cvtColor(bgr, g, Imgproc.COLOR_BGR2GRAY);
        g.convertTo(f, org.opencv.core.CvType.CV_32F);
        Imgproc.GaussianBlur(f, b, new Size(0, 0), 1.5);
        Core.subtract(f, b, f);
        Core.multiply(f, f, f);
        double v = Core.mean(f, mask).val[0];
        for (Mat m : List.of(g, f, b)) m.release();
        return v;
    }
}
