package io.realskin.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * How much texture a restore adds: a level 0..100 (50 = each face's per-image target, 100 = twice the deficit), or
 * {@code "auto"}: the engine brings each face into the real-photo band and reports the level it chose. In JSON the
 * number or the string "auto".
 */
public final class TextureIntensity {
    public static final String AUTO_JSON = "auto";
    public static final TextureIntensity AUTO = new TextureIntensity(null);
    public static final TextureIntensity DEFAULT = new TextureIntensity(40);

    private final Integer level;

    // not a creator: Jackson would otherwise take this constructor for JSON numbers and skip the range check
    @JsonCreator(mode = JsonCreator.Mode.DISABLED)
    private TextureIntensity(Integer level) {
        this.level = level;
    }

    /** @throws IllegalArgumentException outside 0..100 */
    public static TextureIntensity of(int level) {
        if (level < 0 || level > 100) throw new IllegalArgumentException("intensity must be 0..100 or \"auto\", was " + level);
        return new TextureIntensity(level);
    }

    /** From JSON: an integer 0..100 or "auto". @throws IllegalArgumentException for anything else */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TextureIntensity fromJson(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual() && AUTO_JSON.equals(v.asText())) return AUTO;
        if (v.isIntegralNumber() && v.canConvertToInt()) return of(v.asInt());
        throw new IllegalArgumentException("intensity must be 0..100 or \"auto\", was " + v);
    }

    @JsonValue
    public Object toJson() {
        return level == null ? AUTO_JSON : level;
    }

    public boolean auto() {
        return level == null;
    }

    /** The level; only for a fixed intensity. */
    public int level() {
        if (level == null) throw new IllegalStateException("intensity is auto");
        return level;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextureIntensity t && Objects.equals(level, t.level);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(level);
    }

    @Override
    public String toString() {
        return String.valueOf(toJson());
    }
}
