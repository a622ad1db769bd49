package io.realskin.system.texture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.local.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Must show 2: kill -9 of a texture worker while it works on jobs; the group redelivers its unfinished records,
 * every job still completes, and none is charged twice.
 */
class TextureWorkerCrashSystemTest {
    private static final int JOBS = 30;

    @Test
    void aWorkerKilledMidJobLosesNothingAndChargesNothingTwice() throws Exception {
        LocalDeployment system = TextureWorkers.system();
        ServiceProcess survivor = TextureWorkers.firstWorker(system);
        ServiceProcess victim = TextureWorkers.startWorker(system, "texture-service-victim");
        TextureWorkers.awaitGroupSettled(List.of(survivor, victim));
        TextureWorkers.grantCredits(system, 4L * JOBS);

        String imageId = TextureWorkers.upload(system, TextureWorkers.portrait());
        List<String> jobs = TextureWorkers.submitRestores(system, imageId, JOBS);

        double inFlight = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (inFlight < 1 && System.nanoTime() < deadline) {
            inFlight = TextureWorkers.metric(victim, "realskin_texture_jobs_in_flight");
            TextureWorkers.sleep(Duration.ofMillis(50));
        }
        double doneByVictim = TextureWorkers.metric(victim, "realskin_texture_jobs_completed_total");
        victim.kill();
        System.out.printf("texture crash test: killed %s (pid %d) with %.0f jobs in flight, %.0f done%n",
                victim.name(), victim.pid(), inFlight, doneByVictim);
        assertTrue(inFlight >= 1, "the victim was working when killed");
        assertTrue(doneByVictim < JOBS, "the victim had not done everything yet");

        try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
            Map<String, List<EventEnvelope>> finished = TextureWorkers.awaitFinished(kafka, jobs, TextureWorkers.JOBS_TIMEOUT);
            assertEquals(JOBS, finished.size(), "every job has events");
            Map<String, List<EventEnvelope>> events = TextureWorkers.allEvents(kafka, jobs, Duration.ofSeconds(5));
            String victimWorker = victim.pid() + "@";
            long redelivered = 0;
            for (String job : jobs) {
                List<EventEnvelope> of = events.get(job);
                assertTrue(TextureWorkers.count(of, EventTypes.COMPLETED) >= 1, "COMPLETED for " + job + ": " + of);
                assertEquals(0, TextureWorkers.count(of, EventTypes.FAILED), "no FAILED for " + job + ": " + of);
                assertEquals(1, of.stream().filter(e -> e.type().equals(EventTypes.COMPLETED)).map(EventEnvelope::eventId).distinct().count(),
                        "a re-emitted COMPLETED is the same event: " + of);
                List<String> starters = TextureWorkers.startedBy(of);
                if (starters.stream().anyMatch(w -> w.startsWith(victimWorker)) && starters.stream().anyMatch(w -> !w.startsWith(victimWorker))) {
                    redelivered++;
                }
            }
            System.out.printf("texture crash test: %d jobs started on the victim were finished by another worker%n", redelivered);
            assertTrue(redelivered >= 1, "the victim's unfinished jobs were redelivered to the survivor");
        }
        Map<String, String> statuses = TextureWorkers.gatewayStatuses(system, jobs);
        assertTrue(jobs.stream().allMatch(j -> "completed".equals(statuses.get(j))), "the gateway shows every job completed: " + statuses);
        Map<String, Integer> captures = TextureWorkers.awaitCaptures(system, jobs);
        assertTrue(captures.values().stream().allMatch(c -> c == 1), "one capture per job, none twice: " + captures);
    }
}
