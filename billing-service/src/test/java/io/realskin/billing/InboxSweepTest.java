package io.realskin.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.billing.service.InboxSweep;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inbox forgets applied job.events older than their redelivery window (30 days) and keeps the younger ones. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class InboxSweepTest {
    @Inject
    InboxSweep sweep;

    @Test
    void entriesOlderThanTheRetentionAreDeletedYoungerOnesStay() throws Exception {
        String job = TestStack.unique("inbox-sweep");
        UUID old = UUID.randomUUID();
        UUID young = UUID.randomUUID();
        try (Connection c = TestStack.db();
             PreparedStatement ps = c.prepareStatement("insert into processed_events (event_id, job_id, type, processed_at) values "
                     + "(?, ?, 'COMPLETED', now() - interval '36 days'), (?, ?, 'COMPLETED', now() - interval '29 days')")) {
            ps.setObject(1, old);
            ps.setString(2, job);
            ps.setObject(3, young);
            ps.setString(4, job);
            ps.executeUpdate();
        }

        long deleted = sweep.sweep().await().atMost(Duration.ofSeconds(30));

        assertTrue(deleted >= 1, "deleted " + deleted);
        assertEquals(0, TestStack.queryLong("select count(*) from processed_events where event_id = ?", old));
        assertEquals(1, TestStack.queryLong("select count(*) from processed_events where event_id = ?", young));
    }
}
