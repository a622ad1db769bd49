import io.realskin.contracts.ApiKeys;
import io.realskin.contracts.EventJson;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalDeployment;
import io.realskin.local.LocalStack;
import io.realskin.local.RealSkinService;
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
 * Throughput of texture restores through the whole pipeline: gateway upload is done beforehand, then jobs are
 * submitted to the gateway (billing hold, outbox, texture.requests), worked by one texture-service (its default
 * pool: one thread per core), and seen COMPLETED on job.events. Run by bench/worker/run, which compares it with
 * texture-cli batch on the same images.
 *
 * usage: prepare PORTRAITS_DIR OUT_DIR COUNT      2 MP JPEG copies of the portraits, COUNT files in all
 *        pipeline PROJECT_ROOT IMAGES_DIR WARMUP  prints "pipeline_jobs_per_s <x>"
 */
public class WorkerBenchmark {
    private static final long TWO_MP = 2_000_000L;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "pipeline" -> pipeline(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
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

    static void pipeline(Path root, Path images, int warmup) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(images)) {
            files = list.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        Path home = Files.createTempDirectory("realskin-worker-bench");
        try (LocalStack stack = LocalStack.start(home, Map.of())) {
            LocalDeployment system = new LocalDeployment(root, stack, LocalDeployment.anyFreePorts(), ApiKeys.generate(false));
            stack.closeBefore(system);
            long s0 = System.nanoTime();
            system.startAll();
            System.err.printf("bench: services ready in %.1f s%n", (System.nanoTime() - s0) / 1e9);
            String gateway = system.url(RealSkinService.GATEWAY), billing = system.url(RealSkinService.BILLING);
            String auth = "Bearer " + system.adminKey();
            send(HttpRequest.newBuilder(URI.create(billing + "/accounts/admin")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"plan\":\"pro\"}")), 200);
            send(HttpRequest.newBuilder(URI.create(billing + "/accounts/admin/grants")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":100000,\"idempotencyKey\":\"" + UUID.randomUUID()
                            + "\",\"reason\":\"worker benchmark\"}")), 201);

            List<String> imageIds = new ArrayList<>();
            for (Path file : files) {
                String body = send(HttpRequest.newBuilder(URI.create(gateway + "/v1/images")).header("Authorization", auth)
                        .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofFile(file)), 201);
                imageIds.add(EventJson.MAPPER.readTree(body).get("id").asText());
            }
            try (KafkaProbe kafka = new KafkaProbe(stack.kafkaBootstrapServers())) {
                List<String> warm = submit(gateway, auth, imageIds.subList(0, Math.min(warmup, imageIds.size())));
                awaitCompleted(kafka, warm);
                long t0 = System.nanoTime();
                List<String> jobs = submit(gateway, auth, imageIds);
                long submitted = System.nanoTime();
                awaitCompleted(kafka, jobs);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.err.printf(Locale.ROOT, "bench: %d jobs submitted in %.1f s, all COMPLETED after %.1f s%n",
                        jobs.size(), (submitted - t0) / 1e9, seconds);
                System.out.printf(Locale.ROOT, "pipeline_jobs_per_s %.3f%n", jobs.size() / seconds);
            }
        }
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
