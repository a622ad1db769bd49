package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.EventJson;
import io.realskin.gateway.config.StaleJobsConfig;
import io.realskin.gateway.config.TestGatewayConfig;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Another tenant's job is as absent as a missing one, in how it is answered too: a job this replica has cached for its
 * own tenant was answered from memory to every other tenant (no database round trip), a missing one after a query, so
 * the time of the 404 told whether an id names a job of someone else (docs/api.md, "tenancy").
 */
class JobReadCacheTest {
    private static final Job ENDED = new Job("job_owned1", "ten_owner", "analyze", JobStatus.COMPLETED,
            EventJson.MAPPER.createObjectNode(), 100, null, null, null, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, null, null);

    /** The database: the owner's job, and the lookups asked of it. */
    private static final class Jobs extends JobRepository {
        final List<String> asked = new ArrayList<>();

        Jobs() {
            super(null, new StaleJobsConfig() {
                public Map<String, Duration> timeout() {
                    return Map.of();
                }

                public Duration defaultTimeout() {
                    return Duration.ofMinutes(30);
                }

                public Duration checkEvery() {
                    return Duration.ofMinutes(5);
                }

                public Duration firstCheckAfter() {
                    return Duration.ofSeconds(30);
                }

                public int maxRequestsAgain() {
                    return 3;
                }

                public int batch() {
                    return 200;
                }
            });
        }

        @Override
        public Uni<Optional<Job>> find(String tenantId, String id) {
            asked.add(tenantId + "/" + id);
            return Uni.createFrom().item(ENDED.tenantId().equals(tenantId) && ENDED.id().equals(id) ? Optional.of(ENDED) : Optional.empty());
        }
    }

    @Test
    void anotherTenantsCachedJobIsLookedUpAsAMissingOneIs() {
        Jobs jobs = new Jobs();
        JobReadCache cache = new JobReadCache(jobs, TestGatewayConfig.with(Map.of()));
        assertEquals(Optional.of(ENDED), cache.find("ten_owner", "job_owned1").await().indefinitely());
        assertEquals(Optional.of(ENDED), cache.find("ten_owner", "job_owned1").await().indefinitely());
        assertEquals(List.of("ten_owner/job_owned1"), jobs.asked, "the owner's ended job is read once, then from memory");

        assertTrue(cache.find("ten_other", "job_owned1").await().indefinitely().isEmpty());
        assertTrue(cache.find("ten_other", "job_missing").await().indefinitely().isEmpty());
        assertEquals(List.of("ten_owner/job_owned1", "ten_other/job_owned1", "ten_other/job_missing"), jobs.asked,
                "another tenant's id and a missing one take the same way: a lookup");
        assertEquals(Optional.of(ENDED), cache.find("ten_owner", "job_owned1").await().indefinitely());
        assertEquals(3, jobs.asked.size(), "the owner's copy stays cached");
    }
}
