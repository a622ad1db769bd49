package io.realskin.billing.domain;

/**
 * What a job does, as far as its price goes: quoted before it runs, reported by its COMPLETED event after.
 *
 * @param operation      one of contracts' JobTypes
 * @param model          image model; null for texture and analyze jobs
 * @param megapixels     output size
 * @param maskedFraction 0..1, for skin-inpaint
 */
public record Workload(String operation, String model, double megapixels, Double maskedFraction) {
    /** The largest output a quote may name, and so a usage that is priced. */
    public static final double MAX_MEGAPIXELS = 400;

    /** Whether the numbers are in the ranges a quote must keep: megapixels 0..400, a masked fraction absent or 0..1. */
    public boolean inRange() {
        return megapixels >= 0 && megapixels <= MAX_MEGAPIXELS
                && (maskedFraction == null || maskedFraction >= 0 && maskedFraction <= 1);
    }
}
