package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.Topics;
import io.realskin.local.KafkaBroker;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Kafka stopped at submit: the job is accepted (job row and outbox row commit together) and runs once Kafka is back. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class OutboxKafkaDownTest {
    @Inject
    Pool pool;

    @Test
    void aJobSubmittedWhileKafkaIsDownIsPublishedWhenItIsBack() {
        KafkaBroker broker = LocalStack.shared().broker();
        assertEquals(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), broker.bootstrapServers(),
                "the test stops the broker the gateway uses");
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        broker.close();
        String job;
        try {
            job = Api.submitTexture(tk[1], image);
            as(tk[1]).get("/v1/jobs/" + job).then().statusCode(200).body("status", equalTo("queued"));
            long unpublished = pool.preparedQuery("select count(*) from outbox where record_key = $1 and published_at is null")
                    .execute(Tuple.of(job)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
            assertEquals(1, unpublished, "the request waits in the outbox");
        } finally {
            broker.start();
        }
        List<KafkaProbe.Received> published = Events.await(Topics.TEXTURE_REQUESTS, job, 1, Duration.ofSeconds(180));
        assertTrue(published.size() >= 1, "published after Kafka came back");
        // and it runs: a worker's events reach the job
        Events.started(tk[0], job);
        Events.completed(tk[0], job, null, 0, 0, "{}");
        Api.awaitJobStatus(tk[1], job, "completed", Duration.ofSeconds(60));
    }
}
