package io.realskin.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.billing.domain.PriceItem;
import io.realskin.billing.domain.PriceList;
import io.realskin.billing.service.CatalogService;
import io.realskin.contracts.ImageModels;
import io.realskin.contracts.JobTypes;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The price list in effect (as the migrations seed it) has its own generate price for every model of the one table
 * (contracts' ImageModels) and names no other: a model the catalogue lists and generation-service routes is never
 * priced by the {@code *} row by accident.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class PriceListMatchesModelTableTest {
    @Inject
    CatalogService catalog;

    @Test
    void everyModelOfTheTableHasItsOwnPriceAndNoOtherModelIsPriced() {
        PriceList prices = catalog.catalog().await().atMost(Duration.ofSeconds(30)).currentPrices();
        Set<String> generate = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        for (PriceItem item : prices.items()) {
            if (!PriceItem.ANY_MODEL.equals(item.model())) {
                named.add(item.model());
                if (JobTypes.GENERATE.equals(item.operation())) {
                    generate.add(item.model());
                }
            }
        }
        assertEquals(new TreeSet<>(ImageModels.ids()), generate, "a generate price per model of the table");
        assertEquals(new TreeSet<>(ImageModels.ids()), named, "no price names a model outside the table");
    }
}
