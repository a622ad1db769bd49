package io.realskin.gateway.tenants;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class TenantRepository {
    private final Pool pool;

    public TenantRepository(Pool pool) {
        this.pool = pool;
    }

    /** Creates the tenant unless it exists; true when it was created now. */
    public Uni<Boolean> insertIfAbsent(String id, String name, String plan) {
        return pool.preparedQuery("insert into tenants (id, name, plan) values ($1, $2, $3) on conflict (id) do nothing")
                .execute(Tuple.of(id, name, plan))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The plan that sets the tenant's keys' rate limit; false when there is no such tenant. */
    public Uni<Boolean> setPlan(String id, String plan) {
        return pool.preparedQuery("update tenants set plan = $2 where id = $1").execute(Tuple.of(id, plan))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Suspends the tenant unless it is suspended already; true when it was suspended now. */
    public Uni<Boolean> suspend(String id, String reason) {
        return pool.preparedQuery("update tenants set suspended_at = now(), suspended_reason = $2 where id = $1 and suspended_at is null")
                .execute(Tuple.of(id, reason)).map(rows -> rows.rowCount() == 1);
    }

    /** Resumes the tenant if it is suspended and no erasure was asked for; true when it was resumed now. */
    public Uni<Boolean> resume(String id) {
        return pool.preparedQuery("update tenants set suspended_at = null, suspended_reason = null where id = $1 and suspended_at is not null "
                        + "and erase_requested_at is null")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    /** Undoes a tenant whose creation could not finish (nothing refers to it yet). */
    public Uni<Void> delete(String id) {
        return pool.preparedQuery("delete from tenants where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Whether the tenant exists and no erasure was asked for it (erasing or erased tenants get no new key). */
    public Uni<Boolean> existsUnerased(String id) {
        return pool.preparedQuery("select 1 from tenants where id = $1 and erase_requested_at is null").execute(Tuple.of(id))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Whether the tenant's erasure was asked for, its row share-locked until {@code tx} ends: an erasure asked meanwhile
     * ({@code TenantErasureRepository#markErasing} updates the row) waits for {@code tx}, so what {@code tx} adds for the
     * tenant exists before the erasure starts, and the erasure removes it.
     */
    public Uni<Boolean> erasureAskedLocked(SqlClient tx, String id) {
        return tx.preparedQuery("select erase_requested_at is not null from tenants where id = $1 for share").execute(Tuple.of(id))
                .map(rows -> rows.size() == 1 && rows.iterator().next().getBoolean(0));
    }

    public Uni<Boolean> exists(String id) {
        return pool.preparedQuery("select 1 from tenants where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 1);
    }

    /** The tenant's default webhook endpoint, if it set one. */
    public Uni<Optional<String>> webhookUrl(String tenantId) {
        return pool.preparedQuery("select url from tenant_webhooks where tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> rows.size() == 1 ? Optional.of(rows.iterator().next().getString("url")) : Optional.empty());
    }

    public Uni<Void> setWebhookUrl(String tenantId, String url) {
        return (url == null
                ? pool.preparedQuery("delete from tenant_webhooks where tenant_id = $1").execute(Tuple.of(tenantId))
                : pool.preparedQuery("insert into tenant_webhooks (tenant_id, url) values ($1, $2) on conflict (tenant_id) "
                        + "do update set url = excluded.url, updated_at = now()").execute(Tuple.of(tenantId, url)))
                .replaceWithVoid();
    }
}
