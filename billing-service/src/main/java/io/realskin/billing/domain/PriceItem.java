package io.realskin.billing.domain;

/** One row of a price list version; see V1 migration for the formula. */
public record PriceItem(
        String operation,
        String model,
        String tier,
        int baseCredits,
        boolean scaleByMaskedFraction,
        double includedMegapixels,
        int perExtraMegapixel,
        int minCredits) {

    public static final String ANY_MODEL = "*";

    public long cost(Workload work) {
        double base = baseCredits;
        if (scaleByMaskedFraction) {
            base *= work.maskedFraction() == null ? 1.0 : work.maskedFraction();
        }
        double extraMegapixels = Math.max(0, work.megapixels() - includedMegapixels);
        // a small epsilon keeps 2.0000001 MP (float noise) from costing a whole extra megapixel
        long extra = perExtraMegapixel * (long) Math.ceil(extraMegapixels - 1e-6);
        long cost = (long) Math.ceil(base - 1e-9) + Math.max(0, extra);
        return Math.max(minCredits, cost);
    }

    public boolean premium() {
        return "premium".equals(tier);
    }
}
