package io.realskin.contracts.billing;

/**
 * The members billing adds to its 402 insufficient-credits problem (docs/billing.md): what the job needs, what is
 * available, and the difference. The gateway reads them from the problem as this record.
 */
public record CreditShortfall(long required, long available, long shortfall) {
}
