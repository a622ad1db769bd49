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
}
