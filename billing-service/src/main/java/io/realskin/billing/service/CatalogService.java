package io.realskin.billing.service;

import io.realskin.billing.domain.Catalog;
import io.realskin.billing.repository.CatalogRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Plans and prices change only by migration, so they are read once and kept (a failed read is tried again). */
@ApplicationScoped
public class CatalogService {
    private final CatalogRepository repository;
    private final Pool pool;
    private volatile Catalog cached;

    public CatalogService(CatalogRepository repository, Pool pool) {
        this.repository = repository;
        this.pool = pool;
    }

    public Uni<Catalog> catalog() {
        Catalog catalog = cached;
        if (catalog != null) {
            return Uni.createFrom().item(catalog);
        }
        return repository.plans(pool)
                .flatMap(plans -> repository.priceLists(pool).map(lists -> new Catalog(plans, lists)))
                .invoke(loaded -> cached = loaded);
    }
}
