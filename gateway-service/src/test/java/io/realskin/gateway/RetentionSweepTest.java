package io.realskin.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.Topics;
import io.realskin.gateway.messaging.RetentionSweep;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The retention sweep forgets what nobody needs: published outbox records of finished jobs after a week, inbox entries
 * after job.events' redelivery window; an open job's request, a recent record and a recent inbox entry stay.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class RetentionSweepTest {
    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Inject
    RetentionSweep sweep;

    @Test
    void publishedRecordsOfEndedJobsAndOldInboxEntriesAreDeletedTheRestStays() throws Exception {
        String key = Api.tenantAndKey()[1];
        String image = Api.upload(key);
        String ended = Api.submitTexture(key, image);
        String open = Api.submitTexture(key, image);
        String endedRecently = Api.submitTexture(key, image);
        for (String job : new String[] {ended, open, endedRecently}) {
            Events.await(Topics.TEXTURE_REQUESTS, job, 1, KAFKA);
        }
        UUID oldEvent = UUID.randomUUID();
        UUID recentEvent = UUID.randomUUID();
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "update jobs set status = 'completed', finished_at = now() where id = ? or id = ?", ended, endedRecently);
            Sql.execute(c, "update outbox set published_at = now() - interval '8 days' where record_key = ? or record_key = ?", ended, open);
            Sql.execute(c, "insert into processed_events (event_id, processed_at) values (?::uuid, now() - interval '36 days'), "
                    + "(?::uuid, now() - interval '29 days')", oldEvent.toString(), recentEvent.toString());

            sweep.sweep().await().atMost(KAFKA);

            assertEquals(0, Sql.count(c, "select count(*) from outbox where record_key = ?", ended), "published 8 days ago, job ended");
            assertTrue(Sql.count(c, "select count(*) from outbox where record_key = ?", open) > 0, "an open job's request stays");
            assertTrue(Sql.count(c, "select count(*) from outbox where record_key = ?", endedRecently) > 0, "published just now");
            assertEquals(0, Sql.count(c, "select count(*) from processed_events where event_id = ?::uuid", oldEvent.toString()));
            assertEquals(1, Sql.count(c, "select count(*) from processed_events where event_id = ?::uuid", recentEvent.toString()),
                    "29 days is within job.events' redelivery window");
        }
    }
}
