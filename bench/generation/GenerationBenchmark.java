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
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Throughput of generate jobs against a provider that takes DELAY per call, bounded by the bulkhead, and the service's
 * own time per job. Run by bench/generation/run: args PROJECT_ROOT JOBS BULKHEAD DELAY_MS WARMUP FORMAT [BASELINE_APP_DIR].
 * With a baseline (another build's target/quarkus-app), the same rounds run against it first, then against this
 * tree, and the figures are printed side by side.
 */
public class GenerationBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int SIDE = 2048;

    /** One measured round: wall time, and per job the time from the stub's last answer byte to COMPLETED seen here. */
    record Round(double wallSeconds, List<Double> jobMillis) {
    }

    /** What one build measured. */
    record Result(String build, double wallSeconds, double ideal, List<Double> jobMillis, Map<String, Double> before,
                  Map<String, Double> after, int jobs) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int jobs = Integer.parseInt(args[1]);
        int bulkhead = Integer.parseInt(args[2]);
        Duration delay = Duration.ofMillis(Long.parseLong(args[3]));
        int warmup = Integer.parseInt(args[4]);
        String format = args[5];
        String baseline = args.length > 6 ? args[6] : "";
        String picture = args.length > 7 ? args[7] : "";
        boolean tiered = args.length > 8 && "tiered".equals(args[8]);

        byte[] image = picture.isBlank() ? ("png".equals(format) ? pngAsProvidersSend(StubImages.draw(SIDE, SIDE))
                : StubImages.synthetic(SIDE, SIDE, "jpg")) : answerOf(Path.of(picture), format);
        String outputFormat = "png".equals(format) ? "png" : "jpeg";
        StubServer.Answer answer = OpenAiStub.answer(image, SIDE + "x" + SIDE, outputFormat);
        AtomicLong calls = new AtomicLong();
        Map<String, Long> answeredAt = new ConcurrentHashMap<>(); // x-request-id -> nanoTime its answer was all written
        OpenAiStub openai = new OpenAiStub(ProviderStubs.OPENAI_KEY);
        openai.always("/images/generations", r -> answer.withHeader("x-request-id", "req_bench_" + calls.incrementAndGet()).after(delay));
        openai.afterEachAnswer(a -> answeredAt.put(a.headers().get("x-request-id"), System.nanoTime()));
        System.out.printf(Locale.ROOT, "provider stub: every answer after %d ms, a %dx%d %s of %d bytes (%.1f MP) as base64 JSON; "
                        + "bulkhead %d; %d jobs after %d warm-up jobs; %d cores%n", delay.toMillis(), SIDE, SIDE, outputFormat.toUpperCase(Locale.ROOT),
                image.length, SIDE * SIDE / 1e6, bulkhead, jobs, warmup, Runtime.getRuntime().availableProcessors());
        System.out.println("the service's JIT: " + (tiered ? "tiered (C1 then C2), as deploy/docker and deploy/k8s run it"
                : "the client compiler alone (-XX:TieredStopAtLevel=1), as the local run starts it"));

        LocalStack stack = LocalStack.shared();
        Map<String, String> env = new HashMap<>(stack.serviceEnvironment(null));
        env.put("OPENAI_API_KEY", ProviderStubs.OPENAI_KEY);
        env.put("OPENAI_BASE_URL", openai.baseUrl());
        env.put("REALSKIN_PROVIDERS_OPENAI_CONCURRENCY", String.valueOf(bulkhead));
        env.put("MP_JWT_VERIFY_PUBLICKEY", ServiceKeys.generate().verificationKeys()); // its API answers only the gateway's tokens

        Map<String, Path> builds = new LinkedHashMap<>();
        if (!baseline.isBlank()) {
            builds.put("baseline", Path.of(baseline).toAbsolutePath().resolve("quarkus-run.jar"));
        }
        builds.put("this tree", RealSkinService.GENERATION.appJar(root));
        List<Result> results = new ArrayList<>();
        try (KafkaProbe kafka = new KafkaProbe(stack.kafkaBootstrapServers());
             KafkaConsumer<String, String> events = consumer(stack.kafkaBootstrapServers())) {
            for (Map.Entry<String, Path> build : builds.entrySet()) {
                String name = "generation-service-" + build.getKey().replace(' ', '-');
                String options = System.getenv(build.getKey().equals("baseline") ? "BASELINE_OPTS" : "SERVICE_OPTS");
                ServiceProcess service = ServiceProcess.start(name, build.getValue(), FreePorts.any(), FreePorts.any(),
                        RealSkinService.GENERATION.maxHeap(), tiered ? List.of() : ServiceProcess.CLIENT_COMPILER,
                        withProfile(env, name, options), stack.home().resolve("logs"));
                try {
                    service.awaitReady(Duration.ofSeconds(180));
                    System.out.println(build.getKey() + ": " + build.getValue() + " ready; log " + service.logFile());
                    if (warmup > 0) {
                        round(kafka, events, warmup, answeredAt, outputFormat);
                    }
                    Map<String, Double> before = metrics(service);
                    Round round = round(kafka, events, jobs, answeredAt, outputFormat);
                    double ideal = Math.ceil((double) jobs / bulkhead) * delay.toMillis() / 1000.0;
                    Result result = new Result(build.getKey(), round.wallSeconds(), ideal, round.jobMillis(), before,
                            metricsOnceCounted(service, before, jobs), jobs);
                    results.add(result);
                    print(result, outputFormat);
                } finally {
                    service.close();
                }
            }
        } finally {
            openai.close();
        }
        if (results.size() > 1) {
            sideBySide(results);
        }
        System.exit(0);
    }

    /**
     * With REALSKIN_BENCH_JFR=<directory>, the service records a JFR profile there (NAME.jfr, written when it stops);
     * with REALSKIN_BENCH_GCLOG=<directory>, it writes its GC log there (NAME.gc.log, {@code -Xlog:gc*}: each
     * collection's cause, pause, generations before and after, ages of the survivors). {@code extra}: more JVM options
     * for this build (BASELINE_OPTS, SERVICE_OPTS; one the local run's command line also sets, such as -Xmx, stays
     * as the command line says). All go in through JAVA_TOOL_OPTIONS, the one JVM option a child takes from its
     * environment.
     */
    private static Map<String, String> withProfile(Map<String, String> env, String name, String extra) throws IOException {
        List<String> options = new ArrayList<>();
        if (extra != null && !extra.isBlank()) {
            options.add(extra.trim());
            System.out.println(name + ": with " + extra.trim());
        }
        String jfr = System.getenv("REALSKIN_BENCH_JFR");
        if (jfr != null && !jfr.isBlank()) {
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + Files.createDirectories(Path.of(jfr).toAbsolutePath()).resolve(name + ".jfr"));
            System.out.println(name + ": recording a JFR profile in " + jfr);
        }
        String gcLog = System.getenv("REALSKIN_BENCH_GCLOG");
        if (gcLog != null && !gcLog.isBlank()) {
            options.add("-Xlog:gc*,gc+age=trace,safepoint:file=" + Files.createDirectories(Path.of(gcLog).toAbsolutePath())
                    .resolve(name + ".gc.log") + ":uptime,level,tags");
            System.out.println(name + ": writing its GC log in " + gcLog);
        }
        if (options.isEmpty()) {
            return env;
        }
        Map<String, String> profiled = new HashMap<>(env);
        profiled.put("JAVA_TOOL_OPTIONS", String.join(" ", options));
        return profiled;
    }

    /** A picture as a provider sends a PNG: deflate-compressed (the stubs' own PNGs are stored uncompressed). */
    private static byte[] pngAsProvidersSend(BufferedImage picture) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", out);
        return out.toByteArray();
    }

    /**
     * A real picture as the answer: scaled to cover SIDE x SIDE, centred and cropped, then a PNG as above or a JPEG at
     * quality 95 (what the adapter asks OpenAI for).
     */
    private static byte[] answerOf(Path file, String format) throws Exception {
        BufferedImage source = ImageIO.read(file.toFile());
        if (source == null) {
            throw new IllegalArgumentException("IMAGE: not a picture ImageIO reads: " + file);
        }
        double scale = Math.max((double) SIDE / source.getWidth(), (double) SIDE / source.getHeight());
        BufferedImage square = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = square.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        int w = (int) Math.round(source.getWidth() * scale);
        int h = (int) Math.round(source.getHeight() * scale);
        g.drawImage(source, (SIDE - w) / 2, (SIDE - h) / 2, w, h, null);
        g.dispose();
        return "png".equals(format) ? pngAsProvidersSend(square) : StubImages.encode(square, "jpg", 0.95f);
    }

    /** Sends {@code count} requests at once; returns the wall time until every one's COMPLETED is on job.events. */
    private static Round round(KafkaProbe kafka, KafkaConsumer<String, String> events, int count, Map<String, Long> answeredAt,
                               String outputFormat) {
        Map<String, Boolean> pending = new HashMap<>();
        for (int i = 0; i < count; i++) {
            pending.put("bench-" + UUID.randomUUID(), true);
        }
        List<Double> perJob = new ArrayList<>();
        long start = System.nanoTime();
        for (String job : pending.keySet()) {
            kafka.send(Topics.GENERATION_REQUESTS, job, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "bench", job,
                    new GenerationRequest("Portrait of a 40-year-old man by a window, visible pores", null, "gpt-image-2", List.of(),
                            null, null, SIDE, SIDE, null, outputFormat, null))));
        }
        long last = start;
        long deadline = start + Duration.ofMinutes(10).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : events.poll(Duration.ofMillis(50))) {
                if (pending.containsKey(r.key())) {
                    EventEnvelope event = EventJson.readEnvelope(r.value());
                    if (EventTypes.COMPLETED.equals(event.type())) {
                        long seen = System.nanoTime();
                        pending.remove(r.key());
                        last = seen;
                        Long answered = answeredAt.remove(event.payload().path("usage").path("providerRequestId").asText(""));
                        if (answered != null) {
                            perJob.add((seen - answered) / 1e6);
                        }
                    } else if (EventTypes.FAILED.equals(event.type())) {
                        throw new IllegalStateException("job " + r.key() + " failed: " + r.value());
                    }
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " jobs did not complete");
        }
        return new Round((last - start) / 1e9, perJob);
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

    /** The meters once the service has recorded every job of the round (it records just after COMPLETED is acknowledged). */
    private static Map<String, Double> metricsOnceCounted(ServiceProcess service, Map<String, Double> before, int jobs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Map<String, Double> after = metrics(service);
            Double count = find(after, "realskin_generation_finish_seconds_count");
            Double counted = find(before, "realskin_generation_finish_seconds_count");
            if ((count != null && count - (counted == null ? 0 : counted) >= jobs) || System.nanoTime() > deadline) {
                return after;
            }
            Thread.sleep(20);
        }
    }

    /** The finish and GC meters from /q/metrics on the management port, by name with labels. */
    private static Map<String, Double> metrics(ServiceProcess service) throws Exception {
        Map<String, Double> values = new HashMap<>();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String line : r.body().split("\n")) {
            if (line.startsWith("realskin_generation_finish") || line.startsWith("jvm_gc_pause_seconds")
                    || line.startsWith("process_cpu_time")) {
                int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    private static void print(Result r, String format) {
        System.out.printf(Locale.ROOT, "[%s] %d generate jobs: %.2f s from the first request to the last COMPLETED; ideal %.2f s; "
                + "ratio %.3fx (target <= 1.25x)%n", r.build(), r.jobs(), r.wallSeconds(), r.ideal(), r.wallSeconds() / r.ideal());
        System.out.printf(Locale.ROOT, "[%s] per job, the stub's last answer byte -> COMPLETED read from job.events (%d jobs of the round): "
                + "%s%n", r.build(), r.jobMillis().size(), distribution(r.jobMillis()));
        double count = delta(r, "realskin_generation_finish_seconds_count");
        System.out.printf(Locale.ROOT, "[%s] service meter realskin_generation_finish_seconds (4.2 MP %s): mean %.1f ms over %d jobs "
                + "(target <= 50 ms)%n", r.build(), format.toUpperCase(Locale.ROOT),
                1000 * delta(r, "realskin_generation_finish_seconds_sum") / count, (long) count);
        Map<String, double[]> steps = new TreeMap<>();
        for (String key : r.after().keySet()) {
            if (key.startsWith("realskin_generation_finish_step_seconds_sum")) {
                String step = key.replaceAll(".*step=\"([^\"]*)\".*", "$1");
                steps.put(step, new double[] {delta(r, key), delta(r, key.replace("_sum", "_count"))});
            }
        }
        if (!steps.isEmpty()) {
            StringBuilder line = new StringBuilder();
            for (String step : List.of("read", "check", "composite", "store", "journal", "publish")) {
                double[] s = steps.get(step);
                if (s != null && s[1] > 0) {
                    line.append(String.format(Locale.ROOT, " %s %.1f", step, 1000 * s[0] / s[1]));
                }
            }
            System.out.printf("[%s] its steps, mean ms:%s%n", r.build(), line);
        }
        System.out.printf(Locale.ROOT, "[%s] GC pauses during the round: %d, %.0f ms in all; the service's CPU time per job "
                + "(all it did in the round, on every thread, / jobs): %.1f ms%n", r.build(), (long) deltaSum(r, "jvm_gc_pause_seconds_count"),
                1000 * deltaSum(r, "jvm_gc_pause_seconds_sum"), cpuPerJob(r));
    }

    /** process_cpu_time (Micrometer's process.cpu.time, in ns or s by its name) over the round, per job, in ms. */
    private static double cpuPerJob(Result r) {
        for (String key : r.after().keySet()) {
            if (key.startsWith("process_cpu_time")) {
                double perJob = delta(r, key) / r.jobs();
                return key.contains("_ns") ? perJob / 1e6 : perJob * 1000;
            }
        }
        return Double.NaN;
    }

    private static void sideBySide(List<Result> results) {
        System.out.println();
        System.out.printf("%-58s", "figure");
        results.forEach(r -> System.out.printf("%-40s", r.build()));
        System.out.println();
        row("wall / ideal (target <= 1.25x)", results, r -> String.format(Locale.ROOT, "%.2f s, %.3fx", r.wallSeconds(),
                r.wallSeconds() / r.ideal()));
        row("per job, answer sent -> COMPLETED seen: mean", results, r -> ms(mean(r.jobMillis())));
        row("  p50 / p90 / p99 / max", results, r -> String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f ms",
                percentile(r.jobMillis(), 0.5), percentile(r.jobMillis(), 0.9), percentile(r.jobMillis(), 0.99), max(r.jobMillis())));
        row("service meter mean", results, r -> ms(1000 * delta(r, "realskin_generation_finish_seconds_sum")
                / delta(r, "realskin_generation_finish_seconds_count")));
        row("service CPU time per job", results, r -> ms(cpuPerJob(r)));
        row("GC pauses in the round", results, r -> String.format(Locale.ROOT, "%d, %.0f ms", (long) deltaSum(r, "jvm_gc_pause_seconds_count"),
                1000 * deltaSum(r, "jvm_gc_pause_seconds_sum")));
    }

    private static void row(String name, List<Result> results, java.util.function.Function<Result, String> cell) {
        System.out.printf("%-58s", name);
        results.forEach(r -> System.out.printf("%-40s", cell.apply(r)));
        System.out.println();
    }

    private static String distribution(List<Double> v) {
        return String.format(Locale.ROOT, "mean %.1f ms, p50 %.1f, p90 %.1f, p99 %.1f, max %.1f ms", mean(v), percentile(v, 0.5),
                percentile(v, 0.9), percentile(v, 0.99), max(v));
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f ms", v);
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Nearest rank. */
    private static double percentile(List<Double> v, double q) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** The change of one meter over the round (NaN when it is not there). */
    private static double delta(Result r, String key) {
        Double after = find(r.after(), key);
        Double before = find(r.before(), key);
        return after == null ? Double.NaN : after - (before == null ? 0 : before);
    }

    /** The change over the round of all the meters of a name, whatever their labels. */
    private static double deltaSum(Result r, String name) {
        double sum = 0;
        for (Map.Entry<String, Double> e : r.after().entrySet()) {
            if (e.getKey().startsWith(name + "{") || e.getKey().equals(name)) {
                sum += e.getValue() - r.before().getOrDefault(e.getKey(), 0.0);
            }
        }
        return sum;
    }

    /** A meter by its name and labels, or by name alone when it is the only series of that name. */
    private static Double find(Map<String, Double> values, String key) {
        if (values.containsKey(key)) {
            return values.get(key);
        }
        return values.entrySet().stream().filter(e -> e.getKey().startsWith(key + "{")).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
