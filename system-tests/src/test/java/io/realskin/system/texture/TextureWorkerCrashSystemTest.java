package io.realskin.system.texture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.local.ServiceProcess;
import io.realskin.system.RealSkinSystem;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Must show 2: a texture worker stopped while it works on jobs loses nothing. {@code kill -9}: the group redelivers
 * its uncommitted records to the other worker, which either works a job again (a second STARTED) or, when the
 * killed worker had already stored the result but not yet committed the offset, re-emits the same COMPLETED;
 * SIGTERM: it finishes its running jobs first. Either way every job completes and none is charged twice.
 */
class TextureWorkerCrashSystemTest {
    private static final int JOBS = 30;
    private static final Duration DRAIN = Duration.ofMinutes(5);
    /** The broker's group.min.session.timeout.ms (its default): a shorter one would be refused at the join. */
    private static final Duration KILLED_SESSION_TIMEOUT = Duration.ofSeconds(6);

    @Test
    void aWorkerKilledMidJobLosesNothingAndChargesNothingTwice() throws Exception {
        Map<String, List<EventEnvelope>> events = stopAWorkerMidRun("texture-service-killed", true);
        long restarted = events.values().stream().filter(TextureWorkerCrashSystemTest::startedOnBoth).count();
        long replayed = events.values().stream().filter(TextureWorkerCrashSystemTest::startedOnStoppedOnly)
                .filter(of -> TextureWorkers.count(of, EventTypes.COMPLETED) > 1).count();
        System.out.printf("texture crash test: of the killed worker's jobs, %d were worked again by another worker and %d had"
                + " their COMPLETED re-emitted by another%n", restarted, replayed);
        assertTrue(restarted + replayed >= 1, "the killed worker's uncommitted records were redelivered to the other: " + events);
    }

    @Test
    void aWorkerStoppedMidJobFinishesItsRunningJobsFirst() throws Exception {
        Map<String, List<EventEnvelope>> events = stopAWorkerMidRun("texture-service-stopped", false);
        long redelivered = events.values().stream().filter(TextureWorkerCrashSystemTest::startedOnBoth).count();
        assertEquals(0, redelivered, "SIGTERM drained the running jobs: none had to start again elsewhere");
    }

    private static String stoppedWorker;

    private static boolean startedOnBoth(List<EventEnvelope> of) {
        List<String> starters = TextureWorkers.startedBy(of);
        return starters.stream().anyMatch(w -> w.startsWith(stoppedWorker)) && starters.stream().anyMatch(w -> !w.startsWith(stoppedWorker));
    }

    private static boolean startedOnStoppedOnly(List<EventEnvelope> of) {
        List<String> starters = TextureWorkers.startedBy(of);
        return !starters.isEmpty() && starters.stream().allMatch(w -> w.startsWith(stoppedWorker));
    }

    /** Submits JOBS restores, stops the extra worker once it has jobs running, checks completion and billing. */
    private static Map<String, List<EventEnvelope>> stopAWorkerMidRun(String name, boolean kill) throws Exception {
        LocalDeployment system = TextureWorkers.system();
        ServiceProcess survivor = TextureWorkers.firstWorker(system);
        // a drain long enough for a busy machine, where a portrait restore can outlast the default 30 s; after the
        // drain, the stop waits up to one commit interval for the records the worker took but never started (they go
        // to the survivor either way): 1 s instead of 5 s. The kill keeps production's interval, as uncommitted as ever,
        // and the victim's session timeout is the broker's least (6 s, its heartbeats every 500 ms) instead of 10 s:
        // the group declares the killed worker dead, and hands its records over, that much sooner.
        Map<String, String> env = new HashMap<>(Map.of("REALSKIN_TEXTURE_WORKER_DRAIN_TIMEOUT", DRAIN.toSeconds() + "s"));
        if (kill) {
            env.put("MP_MESSAGING_INCOMING_TEXTURE_REQUESTS_SESSION_TIMEOUT_MS", String.valueOf(KILLED_SESSION_TIMEOUT.toMillis()));
        } else {
            env.putAll(RealSkinSystem.commitInterval("texture-requests", Duration.ofSeconds(1)));
        }
        ServiceProcess victim = TextureWorkers.startWorker(system, name, env);
        stoppedWorker = victim.pid() + "@";
        TextureWorkers.awaitGroupSettled(List.of(survivor, victim));
        TextureWorkers.grantCredits(system, 4L * JOBS);

        String imageId = TextureWorkers.upload(system, TextureWorkers.portrait());
        // submit in the background, so the stop lands early in the run with jobs still arriving behind it
        CompletableFuture<List<String>> submitted = CompletableFuture.supplyAsync(() -> TextureWorkers.submitRestores(system, imageId, JOBS));
        double inFlight = 0;
        double done = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while ((inFlight < 1 || done < 1) && System.nanoTime() < deadline) {
            TextureWorkers.sleep(Duration.ofMillis(50));
            done = TextureWorkers.metric(victim, "realskin_texture_jobs_completed_total");
            inFlight = TextureWorkers.metric(victim, "realskin_texture_jobs_in_flight");
        }
        boolean running;
        try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
            // the stop must land while job.events shows a job of this worker started and not ended
            running = TextureWorkers.awaitJobRunningOn(kafka, victim, Duration.ofSeconds(60));
        }
        if (kill) {
            victim.kill();
        } else {
            victim.stop(DRAIN.plusMinutes(1));
        }
        System.out.printf("texture crash test: %s %s (pid %d) with %.0f jobs in flight, %.0f done%n",
                kill ? "killed" : "stopped", victim.name(), victim.pid(), inFlight, done);
        assertTrue(inFlight >= 1 && running, "the worker was working when stopped");
        List<String> jobs = submitted.get(5, TimeUnit.MINUTES);
        if (!kill) {
            assertTrue(Files.readString(victim.logFile()).contains("shutdown: draining"), "the worker drained on SIGTERM");
        }

        Map<String, List<EventEnvelope>> events;
        try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
            Map<String, List<EventEnvelope>> finished = TextureWorkers.awaitFinished(kafka, jobs, TextureWorkers.JOBS_TIMEOUT);
            assertEquals(JOBS, finished.size(), "every job has events");
            events = TextureWorkers.allEvents(kafka, jobs);
            for (String job : jobs) {
                List<EventEnvelope> of = events.get(job);
                assertTrue(TextureWorkers.count(of, EventTypes.COMPLETED) >= 1, "COMPLETED for " + job + ": " + of);
                assertEquals(0, TextureWorkers.count(of, EventTypes.FAILED), "no FAILED for " + job + ": " + of);
                assertEquals(1, of.stream().filter(e -> e.type().equals(EventTypes.COMPLETED)).map(EventEnvelope::eventId).distinct().count(),
                        "a re-emitted COMPLETED is the same event: " + of);
            }
        }
        Map<String, String> statuses = TextureWorkers.gatewayStatuses(system, jobs);
        assertTrue(jobs.stream().allMatch(j -> "completed".equals(statuses.get(j))), "the gateway shows every job completed: " + statuses);
        Map<String, Integer> captures = TextureWorkers.awaitCaptures(system, jobs);
        assertTrue(captures.values().stream().allMatch(c -> c == 1), "one capture per job, none twice: " + captures);
        return events;
    }
}
