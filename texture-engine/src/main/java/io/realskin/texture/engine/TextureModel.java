package io.realskin.texture.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * The fitted numbers of the engine: the per-image texture target (a linear model of ln(fine rms / luminance)) and
 * the plastic score (a logistic model). Shipped as the versioned resource {@value #RESOURCE}, written by
 * {@code bench/texture/train} with the data manifest beside it; {@link #DEFAULT} is that resource.
 *
 * @param version the model's version, reported with every result
 */
public record TextureModel(String version, Target target, Score score) {
    public static final String RESOURCE = "/io/realskin/texture/engine/model/texture-model.properties";
    static final String[] TARGET_NAMES = {"intercept", "edgeBlur", "contrast", "coarse", "noise", "jpeg"};
    static final String[] SCORE_NAMES = {"intercept", "belowTarget", "slope", "fineOverCoarse", "skew", "noiseShape"};
    public static final TextureModel DEFAULT = load();

    /**
     * ln(target fine rms / skin luminance) = intercept + edgeBlur * blur + contrast * ln(contrast / L)
     * + coarse * ln(coarse rms / L) + noise * ln(noise floor / L) + jpeg * (100 - quality) / 25.
     * Unknown evidence (no flat area, no edge) takes the training set's median ({@code blurDefault},
     * {@code noiseDefault}, in feature units).
     */
    public record Target(double intercept, double edgeBlur, double contrast, double coarse, double noise, double jpeg,
                         double blurDefault, double noiseDefault) {
        public double[] weights() {
            return new double[] {intercept, edgeBlur, contrast, coarse, noise, jpeg};
        }

        public static Target of(double[] w, double blurDefault, double noiseDefault) {
            return new Target(w[0], w[1], w[2], w[3], w[4], w[5], blurDefault, noiseDefault);
        }
    }

    /** Logistic weights over {@link PlasticScorer#features}: intercept first, then one per feature. */
    public record Score(double[] weights) {
    }

    /** Reads the shipped model. */
    static TextureModel load() {
        try (InputStream in = TextureModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + RESOURCE);
            Properties p = new Properties();
            p.load(in);
            return parse(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TextureModel parse(Properties p) {
        double[] t = new double[TARGET_NAMES.length];
        for (int i = 0; i < t.length; i++) t[i] = number(p, "target." + TARGET_NAMES[i]);
        double[] s = new double[SCORE_NAMES.length];
        for (int i = 0; i < s.length; i++) s[i] = number(p, "score." + SCORE_NAMES[i]);
        String version = p.getProperty("version");
        if (version == null || version.isBlank()) throw new IllegalArgumentException("texture model without a version");
        return new TextureModel(version, Target.of(t, number(p, "target.blurDefault"), number(p, "target.noiseDefault")),
                new Score(s));
    }

    /** The properties document (the trainer writes it; {@link #parse} reads it back). */
    public String toProperties(String header) {
        StringWriter w = new StringWriter();
        w.write("# " + header.replace("\n", "\n# ") + "\n");
        w.write("version=" + version + "\n");
        double[] t = target.weights();
        for (int i = 0; i < t.length; i++) w.write("target." + TARGET_NAMES[i] + "=" + fmt(t[i]) + "\n");
        w.write("target.blurDefault=" + fmt(target.blurDefault()) + "\n");
        w.write("target.noiseDefault=" + fmt(target.noiseDefault()) + "\n");
        for (int i = 0; i < SCORE_NAMES.length; i++) w.write("score." + SCORE_NAMES[i] + "=" + fmt(score.weights()[i]) + "\n");
        return w.toString();
    }

    public TextureModel withTarget(Target t) {
        return new TextureModel(version, t, score);
    }

    public TextureModel withScore(Score s) {
        return new TextureModel(version, target, s);
    }


    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalArgumentException("texture model without " + key);
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("texture model " + key + " is not a number: " + v);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
