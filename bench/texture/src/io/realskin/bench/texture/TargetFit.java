package io.realskin.bench.texture;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.FrameEvidence;
import io.realskin.texture.engine.MeasuredFace;
import io.realskin.texture.engine.SkinStatistics;
import io.realskin.texture.engine.TargetModel;
import io.realskin.texture.engine.TextureEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits the texture target ({@link TargetModel}) on real photographs: ridge least squares of ln(skin relative fine-band
 * rms) on the model's features, each photo's first face. Leave-one-source-out: the model a photo is restored with in
 * the quality benchmark was fitted without any photo of its source (the file name's prefix before "__").
 */
final class TargetFit {
    /** Ridge on every coefficient but the intercept: the set is small (tens of photos). */
    static final double RIDGE = 1.0;

    record Sample(String source, double[] x, double y) {
    }

    static String source(Path p) {
        String n = p.getFileName().toString();
        int i = n.indexOf("__");
        return i < 0 ? n : n.substring(0, i);
    }

    /** The features and measured level of each real photo's first face (photos without a measurable face left out). */
    static List<Sample> samples(TextureEngine engine, List<Path> photos) throws Exception {
        List<Sample> out = new ArrayList<>();
        for (Path p : photos) {
            try (DecodedImage img = engine.decode(Files.readAllBytes(p))) {
                List<FaceDetection> faces = engine.findFaces(img.bgr8());
                if (faces.isEmpty()) continue;
                List<MeasuredFace> m = MeasuredFace.measure(img.bgr8(), List.of(faces.get(0)));
                try {
                    SkinStatistics s = m.get(0).stats();
                    if (!s.usable()) continue;
                    FrameEvidence e = FrameEvidence.measure(img.bgr8(), m.get(0).region(), s.meanLuminance());
                    out.add(new Sample(source(p), TargetModel.features(s, e, faces.get(0).scaleWidth()), Math.log(s.relativeFine())));
                } finally {
                    m.forEach(MeasuredFace::close);
                }
            } catch (ImageRejectedException e) {
                QualityBench.skipped(p, e);
            }
        }
        return out;
    }

    static TargetModel fit(List<Sample> samples) {
        int d = samples.get(0).x().length;
        double[][] a = new double[d][d];
        double[] b = new double[d];
        for (Sample s : samples) {
            for (int i = 0; i < d; i++) {
                b[i] += s.x()[i] * s.y();
                for (int j = 0; j < d; j++) a[i][j] += s.x()[i] * s.x()[j];
            }
        }
        for (int i = 1; i < d; i++) a[i][i] += RIDGE;
        return TargetModel.of(RidgeLogistic.solve(a, b));
    }

    /** For each source, the model fitted on every other source. */
    static Map<String, TargetModel> leaveOneSourceOut(List<Sample> samples) {
        Map<String, TargetModel> out = new LinkedHashMap<>();
        for (Sample s : samples) {
            out.computeIfAbsent(s.source(), src -> fit(samples.stream().filter(o -> !o.source().equals(src)).toList()));
        }
        return out;
    }

    /**
     * Whether the held-out fits are biased: the median error in ln(target) of the held-out fits and of the fit on all,
     * and per source how far its held-out fit's targets lie from the fit on all's (median, ln rms).
     */
    static void printHeldOut(List<Sample> samples, Map<String, TargetModel> loso) {
        TargetModel all = fit(samples);
        double[] heldOutError = samples.stream().mapToDouble(s -> Math.log(loso.get(s.source()).relativeFine(s.x())) - s.y()).toArray();
        double[] allError = samples.stream().mapToDouble(s -> Math.log(all.relativeFine(s.x())) - s.y()).toArray();
        System.out.printf(Locale.ROOT, "target fits: median error in ln(target) held out %+.3f, fitted on all %+.3f%n",
                QualityBench.med(heldOutError), QualityBench.med(allError));
        StringBuilder b = new StringBuilder("held-out target minus the fit on all's, median ln rms per source:");
        for (String source : loso.keySet()) {
            double[] shift = samples.stream().filter(s -> s.source().equals(source))
                    .mapToDouble(s -> Math.log(loso.get(source).relativeFine(s.x()) / all.relativeFine(s.x()))).toArray();
            b.append(String.format(Locale.ROOT, " %s %+.2f (%d);", source, QualityBench.med(shift), shift.length));
        }
        System.out.println(b);
    }

    static String describe(TargetModel m) {
        return String.format(Locale.ROOT, "new TargetModel(%.2f, %.2f, %.2f, %.2f, %.2f)", m.intercept(), m.contrast(),
                m.smallFace(), m.edgeOffset(), m.edge());
    }
}
