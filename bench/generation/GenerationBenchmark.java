import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.Topics;
import io.realskin.generation.stub.OpenAiStub;
import io.realskin.generation.stub.ProviderStubs;
import io.realskin.generation.stub.StubImages;
import io.realskin.generation.stub.StubServer;
import io.realskin.local.FreePorts;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Throughput of generate jobs against a provider that takes DELAY per call, bounded by the bulkhead, and the service's
 * own time per job. Run by bench/generation/run: args PROJECT_ROOT JOBS BULKHEAD DELAY_MS WARMUP.
 */
public class GenerationBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int jobs = Integer.parseInt(args[1]);
        int bulkhead = Integer.parseInt(args[2]);
        Duration delay = Duration.ofMillis(Long.parseLong(args[3]));
        int warmup = Integer.parseInt(args[4]);

        byte[] image = StubImages.synthetic(2048, 2048, "jpg");
        StubServer.Answer answer = OpenAiStub.answer(image, "2048x2048", "jpeg");
        OpenAiStub openai = new OpenAiStub(ProviderStubs.OPENAI_KEY);
        openai.always("/images/generations", r -> answer.after(delay));
        System.out.printf("provider stub: every answer after %d ms, a 2048x2048 JPEG of %d bytes (%.1f MP); bulkhead %d; %d cores%n",
                delay.toMillis(), image.length, 2048 * 2048 / 1e6, bulkhead, Runtime.getRuntime().availableProcessors());

        LocalStack stack = LocalStack.shared();
        Map<String, String> env = new HashMap<>(stack.serviceEnvironment(null));
        env.put("OPENAI_API_KEY", ProviderStubs.OPENAI_KEY);
        env.put("OPENAI_BASE_URL", openai.baseUrl());
        env.put("REALSKIN_PROVIDERS_OPENAI_CONCURRENCY", String.valueOf(bulkhead));
        env.put("MP_JWT_VERIFY_PUBLICKEY", ServiceKeys.generate().verificationKeys()); // its API answers only the gateway's tokens
        ServiceProcess service = ServiceProcess.start("generation-service", RealSkinService.GENERATION.appJar(root), FreePorts.any(),
                FreePorts.any(), RealSkinService.GENERATION.maxHeap(), env, stack.home().resolve("logs"));
        try (KafkaProbe kafka = new KafkaProbe(stack.kafkaBootstrapServers());
             KafkaConsumer<String, String> events = consumer(stack.kafkaBootstrapServers())) {
            service.awaitReady(Duration.ofSeconds(180));
            System.out.println("generation-service ready; log " + service.logFile());
            if (warmup > 0) {
                round(kafka, events, warmup);
                System.out.printf("warm-up: %d jobs%n", warmup);
            }
            Map<String, Double> before = metrics(service);
            double wall = round(kafka, events, jobs);
            double ideal = Math.ceil((double) jobs / bulkhead) * delay.toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "%d generate jobs: %.2f s from the first request to the last COMPLETED; ideal %.2f s "
                    + "(ceil(%d/%d) x %.1f s); ratio %.3fx (target <= 1.25x)%n", jobs, wall, ideal, jobs, bulkhead,
                    delay.toMillis() / 1000.0, wall / ideal);
            printFinish(before, metrics(service), jobs);
        } finally {
            service.close();
            openai.close();
        }
        System.exit(0);
    }

    /** Sends {@code count} requests at once; returns the seconds until every one's COMPLETED is on job.events. */
    private static double round(KafkaProbe kafka, KafkaConsumer<String, String> events, int count) {
        Set<String> pending = new HashSet<>();
        for (int i = 0; i < count; i++) {
            pending.add("bench-" + UUID.randomUUID());
        }
        long start = System.nanoTime();
        for (String job : pending) {
            kafka.send(Topics.GENERATION_REQUESTS, job, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "bench", job,
                    new GenerationRequest("Portrait of a 40-year-old man by a window, visible pores", null, "gpt-image-2", List.of(),
                            null, null, 2048, 2048, null))));
        }
        long last = start;
        long deadline = start + Duration.ofMinutes(10).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : events.poll(Duration.ofMillis(50))) {
                if (pending.contains(r.key())) {
                    String type = EventJson.readEnvelope(r.value()).type();
                    if (EventTypes.COMPLETED.equals(type)) {
                        pending.remove(r.key());
                        last = System.nanoTime();
                    } else if (EventTypes.FAILED.equals(type)) {
                        throw new IllegalStateException("job " + r.key() + " failed: " + r.value());
                    }
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " jobs did not complete");
        }
        return (last - start) / 1e9;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(Topics.JOB_EVENTS));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100)); // joined, positioned at the end before any request goes out
        }
        return consumer;
    }

    /** realskin_generation_finish_seconds from /q/metrics on the management port (empty when the meter is not there yet). */
    private static Map<String, Double> metrics(ServiceProcess service) throws Exception {
        Map<String, Double> values = new HashMap<>();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String line : r.body().split("\n")) {
            if (line.startsWith("realskin_generation_finish_seconds")) {
                String[] parts = line.split(" ");
                values.put(parts[0], Double.parseDouble(parts[parts.length - 1]));
            }
        }
        return values;
    }

    /** The measured round's mean (the meter's sum and count, before and after); percentiles over the meter's window. */
    private static void printFinish(Map<String, Double> before, Map<String, Double> after, int jobs) {
        if (after.isEmpty()) {
            System.out.println("realskin_generation_finish_seconds not found on /q/metrics");
            return;
        }
        double count = find(after, "_count") - (before.isEmpty() ? 0 : find(before, "_count"));
        double sum = find(after, "_sum") - (before.isEmpty() ? 0 : find(before, "_sum"));
        System.out.printf(Locale.ROOT, "adapter time per job, answer received -> COMPLETED acknowledged by Kafka (4.2 MP JPEG): "
                + "mean %.1f ms over the %d measured jobs; over the last 2 minutes (warm-up included) p50 %.1f ms, p90 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms (target <= 50 ms)%n", 1000 * sum / count, (long) count, 1000 * quantile(after, "0.5"),
                1000 * quantile(after, "0.9"), 1000 * quantile(after, "0.99"), 1000 * find(after, "_max"));
        if ((long) count != jobs) {
            System.out.println("note: the meter counted " + (long) count + " jobs in the measured round, " + jobs + " were sent");
        }
    }

    private static double find(Map<String, Double> values, String suffix) {
        return values.entrySet().stream().filter(e -> e.getKey().startsWith("realskin_generation_finish_seconds" + suffix))
                .mapToDouble(Map.Entry::getValue).findFirst().orElse(Double.NaN);
    }

    private static double quantile(Map<String, Double> values, String q) {
        return values.entrySet().stream().filter(e -> e.getKey().startsWith("realskin_generation_finish_seconds{")
                        && e.getKey().contains("quantile=\"" + q + "\"")).mapToDouble(Map.Entry::getValue).findFirst().orElse(Double.NaN);
    }
}
