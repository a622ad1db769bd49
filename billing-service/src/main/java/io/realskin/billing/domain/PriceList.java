package io.realskin.billing.domain;

import io.realskin.contracts.JobTypes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One version of the price list, as seeded by the migrations. */
public record PriceList(int version, Instant effectiveFrom, String note, List<PriceItem> items) {

    /** The row for the operation and model, falling back to the operation's {@code *} row. */
    public PriceItem itemFor(String operation, String model) {
        requireOperation("operation", operation);
        return find(operation, model)
                .or(() -> find(operation, PriceItem.ANY_MODEL))
                .orElseThrow(() -> BillingProblems.invalid("price list v" + version + " has no price for " + operation));
    }

    /** The operation if it is a job type billing prices, else 400 naming {@code field}. */
    public static String requireOperation(String field, String operation) {
        if (operation == null || !JobTypes.ALL.contains(operation)) {
            throw BillingProblems.invalidField(field, "operation must be one of " + JobTypes.ALL);
        }
        return operation;
    }

    /** Whether the model is premium anywhere in this list (plans without premium models exclude it). */
    public boolean isPremium(String model) {
        return model != null && items.stream().anyMatch(i -> i.model().equals(model) && i.premium());
    }

    public long cost(Workload work) {
        return itemFor(work.operation(), work.model()).cost(work);
    }

    private Optional<PriceItem> find(String operation, String model) {
        return items.stream().filter(i -> i.operation().equals(operation) && i.model().equals(model)).findFirst();
    }
}
