package io.realskin.billing.rest;

import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.Catalog;
import io.realskin.billing.domain.Plan;
import io.realskin.billing.domain.PriceList;
import io.realskin.billing.rest.Views.Entitlements;
import io.realskin.billing.service.CatalogService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The price list (current version, or one by {@code ?version=}) and the plans. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {
    private final CatalogService catalog;

    public PriceResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("prices")
    public Uni<PriceList> prices(@Parameter(schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("version") String version) {
        Long asked = QueryNumbers.optional("version", version);
        return catalog.catalog().map(c -> asked == null ? c.currentPrices() : byVersion(c, asked));
    }

    @GET
    @Path("plans")
    public Uni<Map<String, Entitlements>> plans() {
        return catalog.catalog().map(c -> {
            Map<String, Entitlements> plans = new LinkedHashMap<>();
            for (Plan p : c.plans().values()) {
                plans.put(p.code(), Entitlements.of(p));
            }
            return plans;
        });
    }

    private static PriceList byVersion(Catalog c, long version) {
        return c.priceLists().stream().filter(p -> p.version() == version).findFirst()
                .orElseThrow(() -> BillingProblems.notFound("no price list version " + version));
    }
}
