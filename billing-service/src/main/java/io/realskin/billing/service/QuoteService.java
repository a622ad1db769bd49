package io.realskin.billing.service;

import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.domain.PriceItem;
import io.realskin.billing.domain.PriceList;
import io.realskin.billing.domain.Workload;
import io.realskin.billing.repository.AccountRepository;
import io.realskin.billing.repository.Transactions;
import io.realskin.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Prices a job without reserving anything. */
@ApplicationScoped
public class QuoteService {
    private final CatalogService catalog;
    private final AccountRepository accounts;
    private final Transactions tx;
    private final String defaultPlan;

    public QuoteService(CatalogService catalog, AccountRepository accounts, Transactions tx, BillingConfig config) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.tx = tx;
        this.defaultPlan = config.defaultPlan();
    }

    /** {@code allowed} and {@code reason} are null without a tenant. */
    public record Quote(Workload work, String tier, long amount, int priceVersion, Boolean allowed, String reason) {
    }

    public Uni<Quote> quote(String tenantId, Workload work) {
        return catalog.catalog().flatMap(cat -> {
            PriceList prices = cat.currentPrices();
            PriceItem item = prices.itemFor(work.operation(), work.model());
            long amount = item.cost(work);
            if (tenantId == null || tenantId.isBlank()) {
                return Uni.createFrom().item(new Quote(work, item.tier(), amount, prices.version(), null, null));
            }
            return accounts.find(tx.pool(), tenantId).map(found -> {
                if (found.isPresent() && found.get().closed()) { // its tenant erased: no hold would be placed (409 account-closed)
                    return new Quote(work, item.tier(), amount, prices.version(), false, "the account is closed (its tenant was "
                            + "erased): nothing new is booked for it");
                }
                String plan = found.map(a -> a.plan()).orElse(defaultPlan); // the plan the first hold opens the account on
                try {
                    HoldService.checkEntitlement(cat.plan(plan), prices, work);
                    return new Quote(work, item.tier(), amount, prices.version(), true, null);
                } catch (ProblemException excluded) {
                    return new Quote(work, item.tier(), amount, prices.version(), false, excluded.problem().detail());
                }
            });
        });
    }
}
