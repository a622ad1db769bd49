import io.realskin.contracts.ApiKeys;
import io.realskin.contracts.EventJson;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.local.LocalStack;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceProcess;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Throughput of texture restores through the whole pipeline against texture-cli batch on the same images. Uploads
 * go to the gateway beforehand; a round then times the CLI (1 image, then all: steady state = the difference) and
 * the pipeline: jobs submitted to the gateway (billing hold, outbox, texture.requests), worked by one texture-service
 * (its default pool: one thread per core), seen COMPLETED on job.events. Rounds alternate because the machine is
 * shared and its load drifts; the ratio reported is the median of the rounds'. Run by bench/worker/run.
 *
 * usage: prepare PORTRAITS_DIR OUT_DIR COUNT      2 MP JPEG copies of the portraits, COUNT files in all
 *        compare PROJECT_ROOT IMAGES_DIR ROUNDS WARMUP PREVIEW_IMAGE
 *                 then the latency of POST /texture/preview on PREVIEW_IMAGE (1 MP: target < 300 ms)
 */
public class WorkerBenchmark {
    private static final long TWO_MP = 2_000_000L;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "compare" -> compare(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Every portrait of at least 2 MP, scaled down to 2 MP, cycled to COUNT files. */
    static void prepare(Path portraits, Path out, int count) throws Exception {
        Files.createDirectories(out);
        List<Path> sources;
        try (Stream<Path> files = Files.walk(portraits)) {
            sources = files.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList();
        }
        List<BufferedImage> scaled = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path source : sources) {
            BufferedImage image = ImageIO.read(source.toFile());
            if (image == null || (long) image.getWidth() * image.getHeight() < TWO_MP) {
                continue;
            }
            double f = Math.sqrt((double) TWO_MP / ((long) image.getWidth() * image.getHeight()));
            int w = (int) Math.floor(image.getWidth() * f), h = (int) Math.floor(image.getHeight() * f);
            BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            var g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
            g.dispose();
            scaled.add(small);
            names.add(source.getFileName().toString().replaceAll("\\.[^.]+$", ""));
            System.err.printf("bench: %s %dx%d -> %dx%d%n", source.getFileName(), image.getWidth(), image.getHeight(), w, h);
        }
        if (scaled.isEmpty()) {
            throw new IllegalStateException("no portrait of 2 MP or more under " + portraits);
        }
        for (int i = 0; i < count; i++) {
            // each copy differs by one pixel, so no layer can answer it from an earlier identical upload
            BufferedImage image = scaled.get(i % scaled.size());
            BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            copy.getGraphics().drawImage(image, 0, 0, null);
            copy.setRGB(0, 0, i * 7919 & 0xFFFFFF);
            writeJpeg(copy, out.resolve(String.format(Locale.ROOT, "%03d_%s.jpg", i, names.get(i % names.size()))));
        }
    }

    static void compare(Path root, Path images, int rounds, int warmup, Path previewImage) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(images)) {
            files = list.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        Path one = Files.createDirectories(images.resolveSibling("one"));
        Files.copy(files.get(0), one.resolve(files.get(0).getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path home = Files.createTempDirectory("realskin-worker-bench");
        Process worker = null;
        try (LocalStack stack = LocalStack.start(home, Map.of())) {
            LocalDeployment system = new LocalDeployment(root, stack, LocalDeployment.anyFreePorts(), ApiKeys.generate(false));
            stack.closeBefore(system);
            long s0 = System.nanoTime();
            system.startAll();
            System.err.printf("bench: services ready in %.1f s%n", (System.nanoTime() - s0) / 1e9);
            // The local deployment runs its JVMs tuned for start-up (C1 only, serial GC); the measured worker runs as
            // the Dockerfile does: default JIT and GC. It replaces the deployment's texture-service in the group.
            system.processes().stream().filter(p -> p.name().equals(RealSkinService.TEXTURE.module())).forEach(ServiceProcess::close);
            int port = FreePortsAccess.any();
            int managementPort = FreePortsAccess.any();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-Djava.awt.headless=true", "-jar", RealSkinService.TEXTURE.appJar(root).toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("texture-worker.log").toFile());
            builder.environment().putAll(system.environment(RealSkinService.TEXTURE));
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            worker = builder.start();
            String texture = "http://127.0.0.1:" + port;
            String textureManagement = "http://127.0.0.1:" + managementPort;
            awaitReady(textureManagement, worker);

            String gateway = system.url(RealSkinService.GATEWAY), billing = system.url(RealSkinService.BILLING);
            String auth = "Bearer " + system.adminKey();
            // billing directly, as the gateway's admin operations call it: with an admin service token
            String billingAdmin = system.serviceKeys().bearer(RealSkinService.BILLING.audience(), "admin", "admin");
            send(HttpRequest.newBuilder(URI.create(billing + "/accounts/admin")).header("Content-Type", "application/json")
                    .header("Authorization", billingAdmin).PUT(HttpRequest.BodyPublishers.ofString("{\"plan\":\"pro\"}")), 200);
            send(HttpRequest.newBuilder(URI.create(billing + "/accounts/admin/grants")).header("Content-Type", "application/json")
                    .header("Authorization", billingAdmin).POST(HttpRequest.BodyPublishers.ofString("{\"amount\":100000,\"idempotencyKey\":\"" + UUID.randomUUID()
                            + "\",\"reason\":\"worker benchmark\"}")), 201);
            List<String> imageIds = new ArrayList<>();
            for (Path file : files) {
                String body = send(HttpRequest.newBuilder(URI.create(gateway + "/v1/images")).header("Authorization", auth)
                        .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofFile(file)), 201);
                imageIds.add(EventJson.MAPPER.readTree(body).get("id").asText());
            }
            List<Double> ratios = new ArrayList<>();
            try (KafkaProbe kafka = new KafkaProbe(stack.kafkaBootstrapServers())) {
                awaitCompleted(kafka, submit(gateway, auth, imageIds.subList(0, Math.min(warmup, imageIds.size()))));
                for (int round = 1; round <= rounds; round++) {
                    double tOne = cli(root, one, images.resolveSibling("out1"));
                    double tAll = cli(root, images, images.resolveSibling("out"));
                    double cliSteady = (files.size() - 1) / (tAll - tOne);

                    double busyBefore = metric(textureManagement, "realskin_texture_job_duration_seconds_sum");
                    double countBefore = metric(textureManagement, "realskin_texture_job_duration_seconds_count");
                    long t0 = System.nanoTime();
                    List<String> jobs = submit(gateway, auth, imageIds);
                    double submitted = (System.nanoTime() - t0) / 1e9;
                    awaitCompleted(kafka, jobs);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double pipeline = jobs.size() / seconds;
                    double perJob = (metric(textureManagement, "realskin_texture_job_duration_seconds_sum") - busyBefore)
                            / (metric(textureManagement, "realskin_texture_job_duration_seconds_count") - countBefore);
                    ratios.add(pipeline / cliSteady);
                    System.out.printf(Locale.ROOT, "round %d: cli batch %.1f s for %d images, %.1f s for 1 -> %.3f jobs/s steady state"
                                    + " (%.3f incl. JVM start) | pipeline %.1f s (submitted in %.1f s) -> %.3f jobs/s, %.0f ms per job"
                                    + " in the worker | ratio %.2f | load %s%n",
                            round, tAll, files.size(), tOne, cliSteady, files.size() / tAll, seconds, submitted, pipeline,
                            perJob * 1000, pipeline / cliSteady, Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
                }
            }
            ratios.sort(null);
            System.out.printf(Locale.ROOT, "ratio pipeline / cli batch, median of %d rounds: %.2f (target >= 0.70)%n",
                    ratios.size(), ratios.get(ratios.size() / 2));
            for (String line : Files.readAllLines(Path.of("/proc/" + worker.pid() + "/status"))) {
                if (line.startsWith("VmHWM")) {
                    System.out.println("texture worker peak RSS: " + Long.parseLong(line.replaceAll("\\D+", "")) / 1024 + " MB");
                }
            }
            preview(texture, system.serviceKeys(), previewImage);
        } finally {
            if (worker != null) {
                worker.destroy();
                worker.waitFor();
            }
        }
    }

    private static double cli(Path root, Path in, Path out) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(root.resolve("texture-engine/texture-cli").toString(), "batch", in.toString(), out.toString(),
                "--intensity", "40").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("texture-cli batch exited with " + p.exitValue());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void awaitReady(String base, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("texture worker not ready");
    }

    private static double metric(String base, String name) throws Exception {
        double sum = 0;
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** FreePorts is package-private in the local stack. */
    private static final class FreePortsAccess {
        static int any() throws Exception {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    /** The slider's call, as the gateway makes it (with a service token), on an idle worker: 5 warm-up requests, then 20 timed. */
    static void preview(String texture, ServiceKeys keys, Path image) throws Exception {
        var info = ImageIO.read(image.toFile());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(texture + "/texture/preview?intensity=50"))
                .header("Content-Type", "image/jpeg")
                .header("Authorization", keys.bearer(RealSkinService.TEXTURE.audience(), "admin", "jobs:write"))
                .POST(HttpRequest.BodyPublishers.ofFile(image));
        for (int i = 0; i < 5; i++) {
            send(request, 200);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            send(request, 200);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        ms.sort(null);
        System.out.printf(Locale.ROOT, "preview_ms %s %dx%d (%.2f MP): median %.0f ms, p90 %.0f ms, max %.0f ms%n",
                image.getFileName(), info.getWidth(), info.getHeight(), info.getWidth() * (double) info.getHeight() / 1e6,
                ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.9)), ms.get(ms.size() - 1));
    }

    private static List<String> submit(String gateway, String auth, List<String> imageIds) throws Exception {
        List<String> jobs = new ArrayList<>();
        for (String imageId : imageIds) {
            String body = send(HttpRequest.newBuilder(URI.create(gateway + "/v1/jobs")).header("Authorization", auth)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"texture-restore\",\"imageId\":\"" + imageId + "\",\"intensity\":40}")), 202);
            jobs.add(EventJson.MAPPER.readTree(body).get("id").asText());
        }
        return jobs;
    }

    private static void awaitCompleted(KafkaProbe kafka, List<String> jobs) {
        Set<String> ids = new HashSet<>(jobs);
        List<KafkaProbe.Received> finished = kafka.await("job.events",
                r -> ids.contains(r.key()) && (r.value().contains("\"COMPLETED\"") || r.value().contains("\"FAILED\"")),
                found -> found.stream().map(KafkaProbe.Received::key).distinct().count() == ids.size(), Duration.ofMinutes(15));
        long failed = finished.stream().filter(r -> r.value().contains("\"FAILED\"")).count();
        if (finished.stream().map(KafkaProbe.Received::key).distinct().count() != ids.size() || failed > 0) {
            throw new IllegalStateException("not every job COMPLETED: " + finished.size() + " finished, " + failed + " failed");
        }
    }

    /** Sends, retrying after Retry-After on 429; returns the body when the status is the expected one. */
    private static String send(HttpRequest.Builder request, int expected) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expected) {
                return response.body();
            }
            if (response.statusCode() != 429) {
                throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
        }
        throw new IllegalStateException("rate limited for too long");
    }

    private static void writeJpeg(BufferedImage image, Path file) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
