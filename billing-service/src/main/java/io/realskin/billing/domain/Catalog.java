package io.realskin.billing.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The plans and every price list version. */
public record Catalog(Map<String, Plan> plans, List<PriceList> priceLists) {

    /** The newest version in effect now. */
    public PriceList currentPrices() {
        Instant now = Instant.now();
        return priceLists.stream()
                .filter(p -> !p.effectiveFrom().isAfter(now))
                .max(Comparator.comparingInt(PriceList::version))
                .orElseThrow(() -> new IllegalStateException("no price list in effect"));
    }

    public PriceList prices(int version) {
        return priceLists.stream().filter(p -> p.version() == version).findFirst()
                .orElseThrow(() -> new IllegalStateException("no price list v" + version));
    }

    public Plan plan(String code) {
        Plan plan = plans.get(code);
        if (plan == null) {
            throw BillingProblems.invalidField("plan", "plan must be one of " + plans.keySet());
        }
        return plan;
    }
}
