package io.realskin.support.problem;

import io.realskin.contracts.Intensity;

/** The {@code intensity} query parameter of a preview (gateway and texture-service): a level 0..100, or "auto". */
public final class IntensityParameter {
    private IntensityParameter() {
    }

    /** @throws ProblemException 400 {@code invalid-request} with {@code field: intensity} for anything else */
    public static Intensity read(String value) {
        try {
            return Intensity.ofParameter(value);
        } catch (IllegalArgumentException e) {
            throw Problem.of(ProblemTypes.INVALID_REQUEST, "intensity " + Intensity.EXPECTED + ", was '" + value + "'")
                    .with("field", "intensity").exception();
        }
    }
}
