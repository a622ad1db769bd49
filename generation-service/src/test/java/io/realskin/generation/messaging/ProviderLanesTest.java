package io.realskin.generation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.ImageModels;
import io.realskin.local.CancelProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Lanes: which lane a record goes to, who runs next in a full lane, and how many records the process holds. */
class ProviderLanesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String record(String tenant, String model) {
        return EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, tenant, "job-1",
                new GenerationRequest("portrait of a woman", null, model, null, null, null, null, null, null)));
    }

    @Test
    void aRecordGoesToItsModelsProviderWhenThatIsConfiguredElseToOther() {
        ProviderLanes lanes = new ProviderLanes(Map.of(ImageModels.OPENAI, 2, ImageModels.GOOGLE, 2), 10, WAIT);
        assertEquals(ImageModels.OPENAI, lanes.placeOf(record("t", "gpt-image-2")).lane());
        assertEquals(ImageModels.GOOGLE, lanes.placeOf(record("t", "nano-banana-pro")).lane());
        assertEquals(ProviderLanes.OTHER, lanes.placeOf(record("t", "flux-2-pro")).lane(), "BFL has no key here");
        assertEquals(ProviderLanes.OTHER, lanes.placeOf(record("t", "no-such-model")).lane());
        assertEquals(ProviderLanes.OTHER, lanes.placeOf("{not json").lane());
        assertEquals(ProviderLanes.OTHER, lanes.placeOf(null).lane());
        assertEquals("t-a", lanes.placeOf(record("t-a", "gpt-image-2")).tenant());
        assertEquals("", lanes.placeOf("[]").tenant());
    }

    @Test
    void aFullLaneHoldsUpNoOtherLaneAndServesItsTenantsInTurn() throws Exception {
        ProviderLanes lanes = new ProviderLanes(Map.of("a", 1, "b", 1), 100, WAIT);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        lanes.submit(new ProviderLanes.Place("a", "t1"), () -> {
            ran.add("t1-first");
            await(release);
        });
        CancelProbe.awaitTrue("the lanes", WAIT, () -> lanes.running("a") == 1);
        for (String job : List.of("t1-a", "t1-b", "t1-c", "t2-a")) {
            lanes.submit(new ProviderLanes.Place("a", job.substring(0, 2)), () -> ran.add(job));
        }
        assertEquals(4, lanes.queued("a"));
        CountDownLatch other = new CountDownLatch(1);
        lanes.submit(new ProviderLanes.Place("b", "t2"), other::countDown);
        assertTrue(other.await(WAIT.toSeconds(), TimeUnit.SECONDS), "lane b ran while lane a was full");

        release.countDown();
        CancelProbe.awaitTrue("the lanes", WAIT, () -> ran.size() == 5);
        assertEquals(List.of("t1-first", "t1-a", "t2-a", "t1-b", "t1-c"), ran, "t2 waited one turn, not behind all of t1");
        CancelProbe.awaitTrue("the lanes", WAIT, () -> lanes.running("a") == 0 && lanes.queued("a") == 0);
    }

    @Test
    void theConsumerTakesNoMoreRecordsThanTheProcessMayHold() throws Exception {
        ProviderLanes lanes = new ProviderLanes(Map.of("a", 4), 2, WAIT);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            assertTrue(lanes.reserve().toCompletableFuture().isDone());
            lanes.submit(new ProviderLanes.Place("a", "t"), () -> await(release));
        }
        CompletionStage<Void> third = lanes.reserve();
        assertFalse(third.toCompletableFuture().isDone(), "two held: the third record waits in Kafka");
        release.countDown();
        third.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aDrainStartsNoQueuedJobAndWaitsForTheRunningOnes() throws Exception {
        ProviderLanes lanes = new ProviderLanes(Map.of("a", 1), 10, WAIT);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        lanes.submit(new ProviderLanes.Place("a", "t"), () -> {
            await(release);
            ran.add("running");
        });
        lanes.submit(new ProviderLanes.Place("a", "t"), () -> ran.add("queued"));
        CancelProbe.awaitTrue("the lanes", WAIT, () -> lanes.running("a") == 1);
        Thread releaser = new Thread(() -> {
            sleep(300);
            release.countDown();
        });
        releaser.start();
        lanes.drain(WAIT);
        assertEquals(List.of("running"), ran, "the running job finished; the queued one was not started");
        assertEquals(1, lanes.queued("a"));
        assertFalse(lanes.reserve().toCompletableFuture().isDone(), "no record is taken while draining");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
