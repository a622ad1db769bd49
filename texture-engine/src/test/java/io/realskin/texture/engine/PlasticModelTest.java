package io.realskin.texture.engine;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlasticModelTest {
    static Properties resource() throws Exception {
        try (InputStream in = PlasticModel.class.getResourceAsStream(PlasticModel.RESOURCE)) {
            Properties p = new Properties();
            p.load(in);
            return p;
        }
    }

    static Properties properties(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        return p;
    }

    @Test
    void theShippedModelIsTheVersionedResource() throws Exception {
        PlasticModel m = PlasticModel.shipped();
        Properties p = resource();
        assertEquals("plastic-score-v3", m.version());
        assertEquals("plastic-score-v3", PlasticScorer.modelVersion());
        assertEquals(p.getProperty("features"), String.join(",", m.features()));
        assertFalse(m.features().isEmpty());
        for (String f : m.features()) assertTrue(ScoreFeatures.NAMES.contains(f), f);
        assertFalse(p.getProperty("data.sources", "").isBlank(), "the data manifest names its sources");
        assertFalse(p.getProperty("data.real", "").isBlank(), "and its files");
    }

    @Test
    void scoreIsTheLogisticOfTheResourcesCoefficients() throws Exception {
        PlasticModel m = PlasticModel.shipped();
        Properties p = resource();
        double[] x = new double[m.features().size()];
        double z = Double.parseDouble(p.getProperty("intercept"));
        for (int i = 0; i < x.length; i++) {
            String[] range = p.getProperty("range." + m.features().get(i)).split(",");
            double lo = Double.parseDouble(range[0]), hi = Double.parseDouble(range[1]);
            x[i] = lo + (hi - lo) * (i + 1) / (x.length + 1.0); // inside the range: no clamping
            z += Double.parseDouble(p.getProperty("coefficient." + m.features().get(i))) * x[i];
        }
        assertEquals(1 / (1 + Math.exp(-z)), m.score(x), 1e-12);
    }

    @Test
    void aFeatureOutsideTheFittedRangeCountsAsItsEnd() {
        PlasticModel m = PlasticModel.of(properties("version", "test-1", "features", "fineOverContrast, unevenness",
                "intercept", "0.5", "coefficient.fineOverContrast", "-2", "range.fineOverContrast", "-4,-1",
                "coefficient.unevenness", "1.5", "range.unevenness", "0.5,2"));
        double inside = 1 / (1 + Math.exp(-(0.5 - 2 * -3 + 1.5 * 1)));
        assertEquals(inside, m.score(new double[] {-3, 1}), 1e-12);
        double clamped = 1 / (1 + Math.exp(-(0.5 - 2 * -4 + 1.5 * 2)));
        assertEquals(clamped, m.score(new double[] {-9, 7}), 1e-12);
    }

    @Test
    void aModelNamingAnUnknownFeatureOrMissingAKeyIsRefused() {
        Properties p = properties("version", "test-1", "features", "pixelCount", "intercept", "0",
                "coefficient.pixelCount", "1", "range.pixelCount", "0,1");
        assertThrows(IllegalArgumentException.class, () -> PlasticModel.of(p));
        p.setProperty("features", "unevenness");
        assertThrows(IllegalArgumentException.class, () -> PlasticModel.of(p), "no coefficient.unevenness");
    }
}
