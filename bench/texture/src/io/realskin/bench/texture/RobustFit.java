package io.realskin.bench.texture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * fit-score --robust: feature sets fitted leave one source out on the cached faces as they are, or beside copies of
 * them edited by each of {@link ScorePerturbations#EDITS} (an edited copy has its original's source and label, so
 * it is held out with it), each fit scoring the faces as they are and every edited set. Per set: the AUCs as they are
 * (per image), then per edit the images on the wrong side of 0.5 (real, plasticized, AI) and the AI and real medians.
 */
final class RobustFit {
    private RobustFit() {
    }

    /** The edited copies of every cached face, per edit. */
    static Map<String, List<ScoreSamples.Sample>> edited(List<ScoreCache.Face> faces) {
        Map<String, List<ScoreSamples.Sample>> out = new LinkedHashMap<>();
        for (String e : ScorePerturbations.EDITS.keySet()) out.put(e, ScoreSamples.measure(faces, FitScore.FEATURES, e));
        return out;
    }

    static void report(List<ScoreSamples.Sample> asIs, Map<String, List<ScoreSamples.Sample>> edited, List<List<String>> sets) {
        System.out.println("feature medians per face, real | plasticized | AI, as they are and per edit:");
        for (String name : io.realskin.texture.engine.ScoreFeatures.NAMES) {
            int k = io.realskin.texture.engine.ScoreFeatures.NAMES.indexOf(name);
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-26s as is %s", name, medians(asIs, k)));
            for (String e : edited.keySet()) b.append(String.format(Locale.ROOT, "; %s %s", e, medians(edited.get(e), k)));
            System.out.println(b);
        }
        System.out.println("leave-one-source-out, per image: AUC real vs plasticized, real vs AI, balanced accuracy as they are;"
                + " then per edit: wrong side of 0.5 real/plasticized/AI, median real | AI score");
        for (List<String> set : sets) {
            for (boolean augmented : new boolean[] {false, true}) {
                double[][] s = outOfSource(asIs, edited, FitScore.indexes(set), augmented);
                ScoreSamples.Aucs a = ScoreSamples.aucs(asIs, s[0]);
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s%s%n    as is %.3f %.3f %.3f %s",
                        String.join("+", set), augmented ? " [augmented]" : "", a.plastImage(), a.aiImage(), a.accuracyImage(),
                        wrongAndMedians(asIs, s[0])));
                int i = 1;
                for (String e : edited.keySet()) {
                    b.append(String.format(Locale.ROOT, "%n    %-14s %s", e, wrongAndMedians(edited.get(e), s[i++])));
                }
                System.out.println(b);
            }
        }
    }

    /** Scores of the faces as they are ([0]) and of each edited set, by models fitted without the face's source. */
    static double[][] outOfSource(List<ScoreSamples.Sample> asIs, Map<String, List<ScoreSamples.Sample>> edited, int[] features,
                                  boolean augmented) {
        List<ScoreSamples.Sample> all = new ArrayList<>(asIs);
        for (List<ScoreSamples.Sample> e : edited.values()) all.addAll(e);
        double[] s = SourceCrossValidation.outOfSource(augmented ? all : asIs, all, features, FitScore.RIDGE);
        double[][] out = new double[1 + edited.size()][];
        int at = 0, k = 0;
        out[k++] = Arrays.copyOfRange(s, at, at += asIs.size());
        for (List<ScoreSamples.Sample> e : edited.values()) out[k++] = Arrays.copyOfRange(s, at, at += e.size());
        return out;
    }

    /** "real 3/35 plast 2/35 AI 7/28, median 0.12 | 0.74" (nothing when the scores are not numbers). */
    static String wrongAndMedians(List<ScoreSamples.Sample> samples, double[] scores) {
        int[] wrong = new int[3], n = new int[3];
        List<Double> real = new ArrayList<>(), ai = new ArrayList<>();
        for (double[] v : ScoreSamples.images(samples, scores).values()) {
            int kind = (int) v[3];
            if (kind > 2) continue;
            double s = v[0] / v[1];
            n[kind]++;
            if (kind == 0 ? s >= 0.5 : s <= 0.5) wrong[kind]++;
            if (kind == 0) real.add(s);
            if (kind == 2) ai.add(s);
        }
        if (real.isEmpty() && ai.isEmpty()) return " " + samples.size() + " faces";
        return String.format(Locale.ROOT, "real %d/%d plast %d/%d AI %d/%d, median %.3f | %.3f", wrong[0], n[0], wrong[1], n[1],
                wrong[2], n[2], med(real), med(ai));
    }

    private static String medians(List<ScoreSamples.Sample> samples, int k) {
        StringBuilder b = new StringBuilder();
        for (String kind : new String[] {"real", "plasticized", "ai"}) {
            List<Double> v = new ArrayList<>();
            for (ScoreSamples.Sample s : samples) if (s.face().kind().equals(kind)) v.add(s.features()[k]);
            b.append(b.length() == 0 ? "" : " | ").append(String.format(Locale.ROOT, "%.2f", med(v)));
        }
        return b.toString();
    }

    private static double med(List<Double> v) {
        return v.isEmpty() ? Double.NaN : QualityBench.med(v.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
