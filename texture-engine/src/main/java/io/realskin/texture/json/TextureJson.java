package io.realskin.texture.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.texture.engine.FaceRestore;
import io.realskin.texture.engine.FaceScore;
import io.realskin.texture.engine.LocalityReceipt;
import io.realskin.texture.engine.ScoreReport;
import io.realskin.texture.engine.TextureProfile;

import java.util.List;

/**
 * The engine's records as JSON, for the edges that need it (the CLI, the service): a texture profile document, the
 * score document, and a restore's per-face reports and locality receipt. The engine itself knows no JSON.
 */
public final class TextureJson {
    /** The version a profile document carries; a reader refuses any other. */
    public static final int PROFILE_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TextureJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes a small document once. Jackson's one-time set-up (in a fresh JVM 40-60 ms of loading and initialising its
     * classes on an idle machine, about 100 ms under load; most of it for the first {@code toString} of a tree) then
     * runs wherever this is called: the CLI calls it on a helper thread while its command loads the face models.
     */
    public static void warmUp() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", "-").put("width", 1).put("plasticScore", round(0.5)).putNull("skipped");
        o.putArray("faces").addObject().put("confidence", 1.0).putArray("box").add(0).add(0);
        o.toString();
    }

    // ------------------------------------------------------------------ texture profile

    public static String writeProfile(TextureProfile p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("version", PROFILE_VERSION);
        o.put("fineOverContrast", p.fineOverContrast());
        o.put("midOverFine", p.midOverFine());
        o.put("noiseOverFine", p.noiseOverFine());
        o.put("skewness", p.skewness());
        o.put("faces", p.faces());
        o.set("radialSpectrum", array(p.radialSpectrum()));
        o.set("noiseVsLuminance", array(p.noiseVsLuminance()));
        o.set("histogram", array(p.histogram()));
        return o.toString();
    }

    /** @throws IllegalArgumentException when the text is not a texture profile document */
    public static TextureProfile readProfile(String json) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw new IllegalArgumentException("not a JSON object");
        JsonNode version = o.get("version");
        if (version == null || !version.isNumber() || version.asInt() != PROFILE_VERSION) {
            throw new IllegalArgumentException("not a texture profile (version " + version + ")");
        }
        return new TextureProfile(positive(o, "fineOverContrast"), positive(o, "midOverFine"), positive(o, "noiseOverFine"),
                numbers(o, "radialSpectrum"), numbers(o, "noiseVsLuminance"), numbers(o, "histogram"),
                o.path("skewness").isNumber() ? o.get("skewness").asDouble() : 0.0,
                o.path("faces").isNumber() ? o.get("faces").asInt() : 0);
    }

    private static double positive(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
            throw new IllegalArgumentException("texture profile field " + field + " must be a positive number");
        }
        return v.asDouble();
    }

    private static double[] numbers(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) return new double[0];
        if (!v.isArray()) throw new IllegalArgumentException("texture profile field " + field + " must be an array of numbers");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException("texture profile field " + field + " must be an array of numbers");
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    private static ArrayNode array(double[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double v : values) a.add(v);
        return a;
    }

    // ------------------------------------------------------------------ score

    /**
     * The score document: {@code file} first when given, then width, height, faces (box, score, with a null score
     * {@code unscored} saying why, confidence),
     * plasticScore (null without a measurable face), skinFraction and scoreModel (the score model's version); figures
     * rounded to 4 decimals.
     */
    public static ObjectNode score(ScoreReport r, String file) {
        ObjectNode o = MAPPER.createObjectNode();
        if (file != null) o.put("file", file);
        o.put("width", r.width());
        o.put("height", r.height());
        ArrayNode faces = o.putArray("faces");
        for (FaceScore f : r.faces()) {
            ObjectNode face = faces.addObject();
            face.putArray("box").add(f.x()).add(f.y()).add(f.width()).add(f.height());
            face.put("score", round(f.plasticScore()));
            if (f.unscored() != null) face.put("unscored", f.unscored());
            face.put("confidence", round(f.confidence()));
        }
        o.put("plasticScore", round(r.plasticScore()));
        o.put("skinFraction", round(r.skinFraction()));
        o.put("scoreModel", r.scoreModel());
        return o;
    }

    // ------------------------------------------------------------------ restore

    /**
     * A restore's per-face reports, in detection order: {@code box} [x, y, width, height], {@code intensity} (the level
     * applied, the one auto intensity chose), {@code target}, {@code before}, {@code after} (fine-band levels, 4
     * decimals), {@code skipped} (null, or why the face was left alone).
     */
    public static ArrayNode faceRestores(List<FaceRestore> restores) {
        ArrayNode a = MAPPER.createArrayNode();
        for (FaceRestore f : restores) {
            ObjectNode face = a.addObject();
            face.putArray("box").add(f.x()).add(f.y()).add(f.width()).add(f.height());
            face.put("intensity", f.intensity());
            face.put("target", round(f.target()));
            face.put("before", round(f.before()));
            face.put("after", round(f.after()));
            face.put("skipped", f.skipped());
        }
        return a;
    }

    /**
     * A restore's locality receipt: {@code changedPixels}, {@code boxes} (each [x, y, width, height]),
     * {@code layoutBefore}, {@code sha256Before}, {@code layoutAfter}, {@code sha256After}, {@code identical}.
     */
    public static ObjectNode locality(LocalityReceipt r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("changedPixels", r.changedPixels());
        ArrayNode boxes = o.putArray("boxes");
        for (LocalityReceipt.Box b : r.boxes()) boxes.addArray().add(b.x()).add(b.y()).add(b.width()).add(b.height());
        o.put("layoutBefore", r.layoutBefore());
        o.put("sha256Before", r.sha256Before());
        o.put("layoutAfter", r.layoutAfter());
        o.put("sha256After", r.sha256After());
        o.put("identical", r.identical());
        return o;
    }

    /** A figure rounded to 4 decimals for a document (null stays null). */
    public static Double round(Double v) {
        return v == null ? null : Math.round(v * 10000) / 10000.0;
    }
}
