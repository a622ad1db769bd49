package io.realskin.texture.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A fitted plastic-score model, read from a versioned properties resource written by {@code bench/texture/fit-score
 * --write}: {@code version}, {@code features} (names of {@link ScoreFeatures}, comma-separated), {@code intercept},
 * {@code coefficient.NAME} and {@code range.NAME} (low,high: the range the fit saw; a feature is clamped to it, so an
 * image unlike any of the training set cannot push the score further than the most extreme one did). The score is
 * the logistic {@code 1 / (1 + exp(-(intercept + sum coefficient * clamp(feature))))}, fitted with balanced classes,
 * so 0.5 is the decision point. The resource's other keys (the data manifest) are kept as written.
 */
public record PlasticModel(String version, List<String> features, double intercept, double[] coefficients,
                           double[] low, double[] high) {
    /** The model the engine ships. */
    public static final String RESOURCE = "plastic-score-v3.properties";

    public PlasticModel {
        features = List.copyOf(features);
        if (coefficients.length != features.size() || low.length != features.size() || high.length != features.size()) {
            throw new IllegalArgumentException("a coefficient and a range per feature");
        }
        for (String f : features) {
            if (!ScoreFeatures.NAMES.contains(f)) throw new IllegalArgumentException("unknown score feature " + f);
        }
    }

    private static final class Shipped {
        static final PlasticModel MODEL = resource(RESOURCE);
    }

    /** The shipped model (read once). */
    public static PlasticModel shipped() {
        return Shipped.MODEL;
    }

    /** A model resource of this package by file name, e.g. an earlier version kept for comparison (bench/texture/score-stability). */
    public static PlasticModel resource(String name) {
        try (InputStream in = PlasticModel.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing model resource " + name);
            Properties p = new Properties();
            p.load(in);
            return of(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when a key is missing or a figure is not a number */
    public static PlasticModel of(Properties p) {
        List<String> names = Arrays.stream(required(p, "features").split(",")).map(String::trim).toList();
        double[] c = new double[names.size()], lo = new double[names.size()], hi = new double[names.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = Double.parseDouble(required(p, "coefficient." + names.get(i)));
            String[] r = required(p, "range." + names.get(i)).split(",");
            lo[i] = Double.parseDouble(r[0].trim());
            hi[i] = Double.parseDouble(r[1].trim());
        }
        return new PlasticModel(required(p, "version"), names, Double.parseDouble(required(p, "intercept")), c, lo, hi);
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("plastic model: missing " + key);
        return v.trim();
    }

    /** Score 0..1 of the features, given in {@link #features()} order. */
    public double score(double[] x) {
        double z = intercept;
        for (int i = 0; i < x.length; i++) z += coefficients[i] * Math.max(low[i], Math.min(high[i], x[i]));
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
