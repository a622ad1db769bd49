package io.realskin.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.gateway.webhooks.EndpointSlots;
import io.realskin.gateway.webhooks.WebhookRepository;
import io.realskin.local.LocalStackResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The webhook dispatcher's batch serves tenants in turn: one tenant's thousands of due deliveries do not keep another
 * tenant's out of the batch. The rows are written and picked in one transaction that is rolled back, so the running
 * dispatcher never sees them.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class WebhookTurnsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    WebhookRepository repository;

    @Test
    void aTenantWithManyDueDeliveriesDoesNotKeepAnotherTenantsOutOfTheBatch() {
        String busy = Api.tenant("pro");
        String quiet = Api.tenant("pro");
        // 60 deliveries of the busy tenant, each to its own endpoint, all due before the quiet tenant's one
        Map<String, Long> picked = pool.getConnection().chain(connection -> connection.begin().chain(tx ->
                        insertDue(connection, busy, 60, 600)
                                .chain(() -> insertDue(connection, quiet, 1, 1))
                                .chain(() -> repository.lockDue(connection, 50, 4, EndpointSlots.ENDPOINT_SQL, List.of()))
                                .map(due -> due.stream().collect(Collectors.groupingBy(d -> d.tenantId(), Collectors.counting())))
                                .call(tx::rollback))
                .eventually(connection::close)).await().atMost(WAIT);
        assertEquals(1L, picked.get(quiet), "the quiet tenant's delivery is in the batch: " + picked);
        assertTrue(picked.get(busy) >= 40, "the busy tenant fills the rest: " + picked);
    }

    private static Uni<Void> insertDue(SqlClient tx, String tenant, int count, int secondsAgo) {
        return tx.preparedQuery("insert into webhook_deliveries (id, tenant_id, job_id, event_type, url, payload, status, next_attempt_at) "
                        + "select 'msg_turns_' || $1 || '_' || n, $1, 'job_turns_' || n, 'job.completed', "
                        + "'https://h' || n || '.example.com/hook', '{}', 'pending', now() - make_interval(secs => $2 + n) "
                        + "from generate_series(1, $3) n")
                .execute(Tuple.of(tenant, secondsAgo, count)).replaceWithVoid();
    }
}
