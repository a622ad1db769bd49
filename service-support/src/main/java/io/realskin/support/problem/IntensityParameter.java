package io.realskin.support.problem;

import io.realskin.contracts.Intensity;
import java.util.List;

/** The {@code intensity} query parameter of a preview (gateway and texture-service): a level 0..100, or "auto". */
public final class IntensityParameter {
    private IntensityParameter() {
    }

    /** @throws ProblemException 400 {@code invalid-request} with {@code field: intensity} for anything else */
    public static Intensity read(String value) {
        try {
            return Intensity.ofParameter(value);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.naming("intensity " + Intensity.EXPECTED + ", was '" + value + "'", List.of("intensity")).exception();
        }
    }
}
