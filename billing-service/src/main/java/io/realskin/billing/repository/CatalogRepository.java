package io.realskin.billing.repository;

import io.realskin.billing.domain.Plan;
import io.realskin.billing.domain.PriceItem;
import io.realskin.billing.domain.PriceList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plans and price list versions, seeded by the migrations. */
@ApplicationScoped
public class CatalogRepository {

    public Uni<Map<String, Plan>> plans(SqlClient client) {
        return client.query("select code, monthly_grant, premium_models, max_output_megapixels::float8 as max_mp, requests_per_minute "
                        + "from plans order by monthly_grant")
                .execute()
                .map(rows -> {
                    Map<String, Plan> plans = new LinkedHashMap<>();
                    rows.forEach(r -> plans.put(r.getString("code"), new Plan(r.getString("code"), r.getLong("monthly_grant"),
                            r.getBoolean("premium_models"), r.getDouble("max_mp"), r.getInteger("requests_per_minute"))));
                    return plans;
                });
    }

    /** Every version, oldest first. */
    public Uni<List<PriceList>> priceLists(SqlClient client) {
        return client.query("select version, effective_from, note from price_lists order by version").execute()
                .flatMap(lists -> client.query("select version, operation, model, tier, base_credits, scale_by_masked_fraction, "
                                + "included_megapixels::float8 as included_mp, per_extra_megapixel, min_credits from price_items "
                                + "order by version, operation, model").execute()
                        .map(items -> {
                            Map<Integer, List<PriceItem>> byVersion = new LinkedHashMap<>();
                            items.forEach(r -> byVersion.computeIfAbsent(r.getInteger("version"), v -> new ArrayList<>())
                                    .add(new PriceItem(r.getString("operation"), r.getString("model"), r.getString("tier"),
                                            r.getInteger("base_credits"), r.getBoolean("scale_by_masked_fraction"),
                                            r.getDouble("included_mp"), r.getInteger("per_extra_megapixel"), r.getInteger("min_credits"))));
                            List<PriceList> result = new ArrayList<>();
                            lists.forEach(r -> result.add(new PriceList(r.getInteger("version"),
                                    r.getOffsetDateTime("effective_from").toInstant(), r.getString("note"),
                                    List.copyOf(byVersion.getOrDefault(r.getInteger("version"), List.of())))));
                            return result;
                        }));
    }
}
