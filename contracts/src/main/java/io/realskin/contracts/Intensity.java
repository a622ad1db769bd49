package io.realskin.contracts;

import java.math.BigInteger;

/**
 * A texture restore's intensity as a client gives it: a level 0..100, or {@code "auto"} (the engine picks each face's
 * level from the photo's own evidence and reports it). Shared by the gateway (job bodies, the preview's query) and
 * texture-service (its preview API).
 *
 * @param level 0..100; {@link TextureRequest#DEFAULT_INTENSITY} when {@code auto} (not used then)
 */
public record Intensity(int level, boolean auto) {
    public static final String AUTO = "auto";
    /** What a refused value is told, after its name. */
    public static final String EXPECTED = "must be 0..100 or \"auto\"";
    public static final Intensity DEFAULT = new Intensity(TextureRequest.DEFAULT_INTENSITY, false);

    public Intensity {
        if (level < 0 || level > 100) throw new IllegalArgumentException("intensity " + EXPECTED + ", was " + level);
    }

    /**
     * A JSON value as Jackson reads it: null (the default), a whole number 0..100 (also written {@code 40.0} or
     * {@code 4e1}: {@link WholeNumbers}, the rule of every whole-number field), or the string "auto". A fraction such as
     * 40.5 is refused, and so is a number written as a string ({@code "40"}, read as 40 before 2026-12-05): a string for a
     * number is refused in every field of a body.
     */
    public static Intensity ofJson(Object value) {
        if (value == null) return DEFAULT;
        if (AUTO.equals(value)) return new Intensity(TextureRequest.DEFAULT_INTENSITY, true);
        BigInteger whole = value instanceof Number n ? WholeNumbers.wholeValue(n) : null;
        if (whole != null && whole.signum() >= 0 && whole.compareTo(BigInteger.valueOf(100)) <= 0) {
            return new Intensity(whole.intValue(), false);
        }
        throw new IllegalArgumentException("intensity " + EXPECTED + ", was " + value);
    }

    /**
     * A query parameter (text by nature): absent (the default), decimal digits 0..100, or "auto". Also a job's stored
     * request, which may hold {@code "40"} from before bodies refused it.
     */
    public static Intensity ofParameter(String value) {
        if (value == null) return DEFAULT;
        if (value.matches("[0-9]{1,3}")) return ofJson(Integer.parseInt(value));
        return ofJson(value);
    }

    /** A valid level as the integer it is ({@code 40.0} as 40, as any whole-number field reads it), anything else as sent. */
    public static Object asRead(Object value) {
        return value instanceof Number && isValidJson(value) ? ofJson(value).json() : value;
    }

    public static boolean isValidJson(Object value) {
        try {
            ofJson(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** As the API shows it: the level, or "auto". */
    public Object json() {
        return auto ? AUTO : level;
    }

    /** The level a texture request carries: null with auto (the request's {@code autoIntensity} says so). */
    public Integer requestLevel() {
        return auto ? null : level;
    }

    /** The request's {@code autoIntensity}: true, or null (absent) for a level. */
    public Boolean requestAuto() {
        return auto ? Boolean.TRUE : null;
    }

    @Override
    public String toString() {
        return String.valueOf(json());
    }
}
