package io.realskin.system.texture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.local.ServiceProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Must show 1: two texture-service processes in the texture-workers group share 60 jobs submitted through the
 * gateway; every job COMPLETED exactly once, both workers did jobs (their /q/metrics say so), billing holds exactly
 * 60 captures.
 */
class TextureScaleSystemTest {
    private static final int JOBS = 60;
    private static final String COMPLETED_METRIC = "realskin_texture_jobs_completed_total";

    @Test
    void twoWorkersShareSixtyJobsAndEachIsCompletedAndChargedOnce() throws Exception {
        LocalDeployment system = TextureWorkers.system();
        ServiceProcess first = TextureWorkers.firstWorker(system);
        ServiceProcess second = TextureWorkers.startWorker(system, "texture-service-2");
        try {
            TextureWorkers.awaitGroupSettled(List.of(first, second));
            TextureWorkers.grantCredits(system, 4L * JOBS);
            double firstBefore = TextureWorkers.metric(first, COMPLETED_METRIC);
            double secondBefore = TextureWorkers.metric(second, COMPLETED_METRIC);

            String imageId = TextureWorkers.upload(system, TextureWorkers.portrait());
            List<String> jobs = TextureWorkers.submitRestores(system, imageId, JOBS);

            try (KafkaProbe kafka = new KafkaProbe(system.stack().kafkaBootstrapServers())) {
                Map<String, List<EventEnvelope>> finished = TextureWorkers.awaitFinished(kafka, jobs, TextureWorkers.JOBS_TIMEOUT);
                assertEquals(JOBS, finished.size(), "every job has events");
                Map<String, List<EventEnvelope>> events = TextureWorkers.allEvents(kafka, jobs);
                for (String job : jobs) {
                    assertEquals(1, TextureWorkers.count(events.get(job), EventTypes.COMPLETED), "one COMPLETED for " + job + ": " + events.get(job));
                    assertEquals(0, TextureWorkers.count(events.get(job), EventTypes.FAILED), "no FAILED for " + job);
                }
            }
            Map<String, String> statuses = TextureWorkers.gatewayStatuses(system, jobs);
            assertTrue(jobs.stream().allMatch(j -> "completed".equals(statuses.get(j))), "the gateway shows every job completed: " + statuses);

            double byFirst = TextureWorkers.metric(first, COMPLETED_METRIC) - firstBefore;
            double bySecond = TextureWorkers.metric(second, COMPLETED_METRIC) - secondBefore;
            System.out.printf("texture scale test: %s did %.0f jobs, %s did %.0f%n", first.name(), byFirst, second.name(), bySecond);
            assertTrue(byFirst > 0 && bySecond > 0, "both workers did jobs: " + byFirst + " and " + bySecond);
            assertEquals(JOBS, byFirst + bySecond, 0.0, "the two workers did the 60 jobs between them, none twice");

            Map<String, Integer> captures = TextureWorkers.awaitCaptures(system, jobs);
            assertEquals(JOBS, captures.values().stream().mapToInt(Integer::intValue).sum(), "exactly 60 captures: " + captures);
            assertTrue(captures.values().stream().allMatch(c -> c == 1), "one capture per job: " + captures);
        } finally {
            second.close();
        }
    }
}
