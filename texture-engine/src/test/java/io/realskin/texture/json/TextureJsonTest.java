package io.realskin.texture.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.texture.engine.FaceScore;
import io.realskin.texture.engine.ScoreReport;
import io.realskin.texture.engine.TextureProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextureJsonTest {
    static final TextureProfile PROFILE = new TextureProfile(0.1134567891, 1.31, 0.77, new double[] {0.5, 0.25, 0.25},
            new double[] {0.01, 0.02}, new double[] {0.1, 0.9}, -0.42, 2);

    @Test
    void profileRoundTripsExactly() {
        TextureProfile back = TextureJson.readProfile(TextureJson.writeProfile(PROFILE));
        assertEquals(PROFILE.fineOverContrast(), back.fineOverContrast());
        assertEquals(PROFILE.skewness(), back.skewness());
        assertEquals(2, back.faces());
        assertArrayEquals(PROFILE.radialSpectrum(), back.radialSpectrum());
        assertArrayEquals(PROFILE.histogram(), back.histogram());
        assertTrue(TextureJson.writeProfile(PROFILE).startsWith("{\"version\":1,"));
    }

    @Test
    void readsTheDocumentsEarlierVersionsWrote() {
        // written by the engine's own JSON writer before the module split: 6 significant digits, integers bare
        String old = "{\"version\":1,\"fineOverContrast\":0.113457,\"midOverFine\":1.31,\"noiseOverFine\":0.77,"
                + "\"skewness\":-0.42,\"faces\":1,\"radialSpectrum\":[0.5,0.25,0.25],\"noiseVsLuminance\":[],\"histogram\":[1]}";
        TextureProfile p = TextureJson.readProfile(old);
        assertEquals(0.113457, p.fineOverContrast());
        assertEquals(0, p.noiseVsLuminance().length);
        assertArrayEquals(new double[] {1}, p.histogram());
    }

    @Test
    void refusesWhatIsNoProfile() {
        for (String bad : new String[] {"", "[1,2]", "{\"nope\":1}", "not json",
                "{\"version\":2,\"fineOverContrast\":0.1,\"midOverFine\":1,\"noiseOverFine\":1}",
                "{\"version\":1,\"fineOverContrast\":-0.1,\"midOverFine\":1,\"noiseOverFine\":1}",
                "{\"version\":1,\"fineOverContrast\":\"0.1\",\"midOverFine\":1,\"noiseOverFine\":1}",
                "{\"version\":1,\"fineOverContrast\":0.1,\"midOverFine\":1,\"noiseOverFine\":1,\"histogram\":[\"x\"]}"}) {
            assertThrows(IllegalArgumentException.class, () -> TextureJson.readProfile(bad), bad);
        }
    }

    @Test
    void scoreDocumentHasTheFileFirstAndRoundedFigures() {
        ScoreReport r = new ScoreReport(1000, 800, List.of(new FaceScore(10, 20, 300, 310, 0.934512, 0.0518333, null, null)),
                0.0518333, 0.08621, "plastic-score-v3");
        JsonNode doc = TextureJson.score(r, "a.jpg");
        assertEquals("{\"file\":\"a.jpg\",\"width\":1000,\"height\":800,\"faces\":[{\"box\":[10,20,300,310],"
                + "\"score\":0.0518,\"confidence\":0.9345}],\"plasticScore\":0.0518,\"skinFraction\":0.0862,"
                + "\"scoreModel\":\"plastic-score-v3\"}", doc.toString());
        ScoreReport none = new ScoreReport(640, 480, List.of(), null, 0, "plastic-score-v3");
        assertEquals("{\"width\":640,\"height\":480,\"faces\":[],\"plasticScore\":null,\"skinFraction\":0.0,"
                + "\"scoreModel\":\"plastic-score-v3\"}",
                TextureJson.score(none, null).toString());
        ScoreReport palette = new ScoreReport(640, 480, List.of(new FaceScore(1, 2, 200, 210, 0.9, null, "palette-colours", null)),
                null, 0.1, "plastic-score-v3");
        assertEquals("{\"box\":[1,2,200,210],\"score\":null,\"unscored\":\"palette-colours\",\"confidence\":0.9}",
                TextureJson.score(palette, null).get("faces").get(0).toString());
    }
}
