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
                                .chain(() -> repository.lockDue(connection, 50, 4, 16, List.of(), List.of()))
                                .map(due -> due.stream().collect(Collectors.groupingBy(d -> d.tenantId(), Collectors.counting())))
                                .call(tx::rollback))
                .eventually(connection::close)).await().atMost(WAIT);
        assertEquals(1L, picked.get(quiet), "the quiet tenant's delivery is in the batch: " + picked);
        assertTrue(picked.get(busy) >= 40, "the busy tenant fills the rest: " + picked);
    }

    /**
     * Another tenant's deliveries to the same host and port as a tenant's backlog: the backlog's 4 oldest were the only
     * candidates of that endpoint, and once its 4 attempts were in flight the endpoint was skipped for every tenant
     * (a tester saw 50 s of delay behind 40 deliveries to a receiver that never answered).
     */
    @Test
    void anotherTenantsDeliveriesToTheSameEndpointAreNotBehindATenantsBacklogThere() {
        String flood = Api.tenant("pro");
        String quiet = Api.tenant("pro");
        Map<String, Long> picked = pool.getConnection().chain(connection -> connection.begin().chain(tx ->
                        insertDue(connection, flood, 40, 600, "http://127.0.0.1:18092/hang")
                                .chain(() -> insertDue(connection, quiet, 2, 1, "http://127.0.0.1:18092/ok"))
                                .chain(() -> repository.lockDue(connection, 50, 4, 16, List.of(), List.of()))
                                .map(due -> due.stream().collect(Collectors.groupingBy(d -> d.tenantId(), Collectors.counting())))
                                .call(tx::rollback))
                .eventually(connection::close)).await().atMost(WAIT);
        assertEquals(2L, picked.get(quiet), "the quiet tenant's deliveries are in the batch: " + picked);
        assertEquals(4L, picked.get(flood), "the backlog's tenant has its endpoint's 4: " + picked);

        // the backlog's 4 attempts in flight fill its tenant's slots at that endpoint, not the other tenant's
        String endpoint = EndpointSlots.endpointOf("http://127.0.0.1:18092/");
        Map<String, Long> whileInFlight = pool.getConnection().chain(connection -> connection.begin().chain(tx ->
                        insertDue(connection, flood, 40, 600, "http://127.0.0.1:18092/hang")
                                .chain(() -> insertDue(connection, quiet, 2, 1, "http://127.0.0.1:18092/ok"))
                                .chain(() -> repository.lockDue(connection, 50, 4, 16, List.of(EndpointSlots.pairOf(flood, endpoint)), List.of()))
                                .map(due -> due.stream().collect(Collectors.groupingBy(d -> d.tenantId(), Collectors.counting())))
                                .call(tx::rollback))
                .eventually(connection::close)).await().atMost(WAIT);
        // other test classes' deliveries may be due in the same database: only this test's tenants are compared
        whileInFlight.keySet().retainAll(List.of(flood, quiet));
        assertEquals(Map.of(quiet, 2L), whileInFlight);
    }

    /** An endpoint takes its bound over all tenants at most, each tenant's oldest before the second oldest of any. */
    @Test
    void anEndpointsTenantsTakeTurnsWithinItsBound() {
        List<String> tenants = List.of(Api.tenant("pro"), Api.tenant("pro"), Api.tenant("pro"));
        Map<String, Long> picked = pool.getConnection().chain(connection -> connection.begin().chain(tx ->
                        insertDue(connection, tenants.get(0), 10, 900, "https://shared.example.com/a")
                                .chain(() -> insertDue(connection, tenants.get(1), 10, 600, "https://SHARED.example.com:443/b"))
                                .chain(() -> insertDue(connection, tenants.get(2), 10, 300, "https://shared.example.com./c"))
                                .chain(() -> repository.lockDue(connection, 50, 4, 5, List.of(), List.of()))
                                .map(due -> due.stream().collect(Collectors.groupingBy(d -> d.tenantId(), Collectors.counting())))
                                .call(tx::rollback))
                .eventually(connection::close)).await().atMost(WAIT);
        picked.keySet().retainAll(tenants); // other test classes' deliveries may be due in the same database
        assertEquals(Map.of(tenants.get(0), 2L, tenants.get(1), 2L, tenants.get(2), 1L), picked, "5 of one endpoint, in turns");
    }

    /**
     * A delivery postponed (its host not looked up: the lookups at their bound) is given back as it was: due again at
     * once, at the time it was due (its place among the tenant's), its attempts as they were; one whose attempt another
     * replica recorded meanwhile is left alone.
     */
    @Test
    void aPostponedDeliveryIsDueAgainAtOnceWithItsAttemptsAsTheyWere() {
        String tenant = Api.tenant("pro");
        List<WebhookRepository.Delivery> again = pool.getConnection().chain(connection -> connection.begin().chain(tx ->
                        insertDue(connection, tenant, 1, 30)
                                .chain(() -> repository.lockDue(connection, 50, 4, 16, List.of(), List.of()))
                                .map(due -> due.stream().filter(d -> d.tenantId().equals(tenant)).findFirst().orElseThrow())
                                .call(d -> repository.lease(connection, List.of(d.id()), Duration.ofSeconds(40)))
                                .call(d -> repository.lockDue(connection, 50, 4, 16, List.of(), List.of()).invoke(leased ->
                                        assertTrue(leased.stream().noneMatch(l -> l.tenantId().equals(tenant)), "leased: not due")))
                                .call(d -> repository.postpone(connection, d, d.nextAttemptAt()))
                                .chain(d -> repository.lockDue(connection, 50, 4, 16, List.of(), List.of())
                                        .map(due -> due.stream().filter(p -> p.tenantId().equals(tenant)).map(p -> {
                                            assertEquals(d.nextAttemptAt(), p.nextAttemptAt());
                                            return p;
                                        }).toList()))
                                .call(tx::rollback))
                .eventually(connection::close)).await().atMost(WAIT);
        assertEquals(1, again.size(), "due again at once");
        assertEquals(0, again.get(0).attempts());
        assertEquals(null, again.get(0).attemptStartedAt(), "no attempt in flight");

        String other = Api.tenant("pro");
        List<WebhookRepository.Delivery> recorded = pool.getConnection().chain(connection -> connection.begin().chain(tx ->
                        insertDue(connection, other, 1, 30)
                                .chain(() -> repository.lockDue(connection, 50, 4, 16, List.of(), List.of()))
                                .map(due -> due.stream().filter(d -> d.tenantId().equals(other)).findFirst().orElseThrow())
                                .call(d -> connection.preparedQuery("update webhook_deliveries set attempts = 1, "
                                        + "next_attempt_at = now() + interval '1 hour' where id = $1").execute(Tuple.of(d.id())))
                                .call(d -> repository.postpone(connection, d, d.nextAttemptAt()))
                                .chain(d -> repository.lockDue(connection, 50, 4, 16, List.of(), List.of()))
                                .map(due -> due.stream().filter(d -> d.tenantId().equals(other)).toList())
                                .call(tx::rollback))
                .eventually(connection::close)).await().atMost(WAIT);
        assertEquals(List.of(), recorded, "another replica's record stands: not due for an hour");
    }

    private static Uni<Void> insertDue(SqlClient tx, String tenant, int count, int secondsAgo, String url) {
        return tx.preparedQuery("insert into webhook_deliveries (id, tenant_id, job_id, event_type, url, endpoint, payload, status, "
                        + "next_attempt_at) select 'msg_turns_' || $1 || '_' || n, $1, 'job_turns_' || n, 'job.completed', "
                        + "$4, $5, '{}', 'pending', now() - make_interval(secs => $2 + n) "
                        + "from generate_series(1, $3) n")
                .execute(Tuple.of(tenant, secondsAgo, count, url, EndpointSlots.endpointOf(url))).replaceWithVoid();
    }

    private static Uni<Void> insertDue(SqlClient tx, String tenant, int count, int secondsAgo) {
        return tx.preparedQuery("insert into webhook_deliveries (id, tenant_id, job_id, event_type, url, endpoint, payload, status, "
                        + "next_attempt_at) select 'msg_turns_' || $1 || '_' || n, $1, 'job_turns_' || n, 'job.completed', "
                        + "'https://h' || n || '.example.com/hook', 'https://h' || n || '.example.com:443', '{}', 'pending', "
                        + "now() - make_interval(secs => $2 + n) "
                        + "from generate_series(1, $3) n")
                .execute(Tuple.of(tenant, secondsAgo, count)).replaceWithVoid();
    }
}
