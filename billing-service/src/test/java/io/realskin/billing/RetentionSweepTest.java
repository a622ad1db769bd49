package io.realskin.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.billing.service.RetentionSweep;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sweep forgets applied job.events older than their redelivery window (30 days) and billing.events records
 * published longer ago than realskin.retention.outbox (7 days); younger ones, and records not yet published, stay.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class RetentionSweepTest {
    @Inject
    RetentionSweep sweep;

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

    @Test
    void publishedRecordsOlderThanTheRetentionAreDeletedTheOthersStay() throws Exception {
        String oldKey = TestStack.unique("outbox-old");
        String recentKey = TestStack.unique("outbox-recent");
        String unsentKey = TestStack.unique("outbox-unsent");
        try (Connection c = TestStack.db();
             PreparedStatement ps = c.prepareStatement("insert into outbox (topic, record_key, value, created_at, published_at) values "
                     + "('billing.events', ?, '{}', now() - interval '9 days', now() - interval '8 days'), "
                     + "('billing.events', ?, '{}', now() - interval '9 days', now()), "
                     + "('not.a.topic', ?, '{}', now() - interval '9 days', null)")) {
            ps.setString(1, oldKey);
            ps.setString(2, recentKey);
            ps.setString(3, unsentKey);
            ps.executeUpdate();
        }

        try {
            sweep.sweep().await().atMost(Duration.ofSeconds(30));

            assertEquals(0, TestStack.queryLong("select count(*) from outbox where record_key = ?", oldKey), "published 8 days ago");
            assertEquals(1, TestStack.queryLong("select count(*) from outbox where record_key = ?", recentKey), "published just now");
            assertEquals(1, TestStack.queryLong("select count(*) from outbox where record_key = ?", unsentKey), "never published");
        } finally {
            // a topic no channel writes: the relay would try it on every run
            try (Connection c = TestStack.db(); PreparedStatement ps = c.prepareStatement("delete from outbox where record_key = ?")) {
                ps.setString(1, unsentKey);
                ps.executeUpdate();
            }
        }
    }
}
