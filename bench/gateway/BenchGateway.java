import io.realskin.contracts.ApiKeys;
import io.realskin.local.LocalDeployment;
import io.realskin.local.LocalStack;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of the gateway's hottest read: authenticated GET /v1/jobs/{id}, beside the bare GET /ping of the
 * same Quarkus process, both driven by wrk in the same run (2 wrk threads on the same 2 cores as everything else). Starts its own stack (Kafka, PostgreSQL), billing (for the
 * job's credit hold) and the gateway, makes a key with a limit high enough not to be the bottleneck, and one job.
 *
 * Run: bench/gateway/run.sh [duration-seconds] [connections]
 */
public class BenchGateway {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        String adminKey = ApiKeys.generate(false);
        try (LocalStack stack = LocalStack.start(Files.createTempDirectory("realskin-bench-"), Map.of())) {
            LocalDeployment deployment = new LocalDeployment(root, stack, LocalDeployment.anyFreePorts(), adminKey);
            stack.closeBefore(deployment);
            ServiceProcess billing = deployment.start(RealSkinService.BILLING, port(deployment, RealSkinService.BILLING), Map.of());
            // The gateway as it runs in production (G1, both JIT tiers), not with the local stack's small-footprint
            // flags (SerialGC, C1 only), whose pauses would be what this measures.
            int gatewayPort = port(deployment, RealSkinService.GATEWAY);
            ProcessBuilder builder = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                    "-XX:+UseG1GC", "-jar", root.resolve("gateway-service/target/quarkus-app/quarkus-run.jar").toString()))
                    .redirectErrorStream(true).redirectOutput(stack.home().resolve("gateway.log").toFile());
            builder.environment().putAll(deployment.environment(RealSkinService.GATEWAY));
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(gatewayPort));
            int managementPort = freePort();
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            Process gateway = builder.start();
            stack.closeBefore(() -> {
                gateway.destroy();
                gateway.waitFor();
            });
            LocalDeployment.awaitReady(List.of(billing));
            String base = deployment.url(RealSkinService.GATEWAY);
            awaitUp("http://127.0.0.1:" + managementPort + "/q/health/ready");

            String key = field(post(base + "/v1/admin/api-keys", adminKey, "application/json",
                    "{\"tenantId\":\"admin\",\"name\":\"bench\",\"scopes\":[\"jobs:read\",\"jobs:write\"],\"rateLimitPerMinute\":10000000}"), "key");
            byte[] png = Files.readAllBytes(root.resolve("system-tests/src/test/resources/fixtures/portrait.jpg"));
            String image = field(post(base + "/v1/images", key, "image/jpeg", png), "id");
            String job = field(post(base + "/v1/jobs", key, "application/json",
                    "{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}"), "id");
            System.out.println("gateway " + base + ", job " + job);

            String[] warm = {"wrk", "-t2", "-c" + connections, "-d5s", "-H", "Authorization: Bearer " + key, base + "/v1/jobs/" + job};
            run(warm);
            run(new String[] {"wrk", "-t2", "-c" + connections, "-d5s", base + "/ping"});
            String bare = run(new String[] {"wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", base + "/ping"});
            String auth = run(new String[] {"wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                    "-H", "Authorization: Bearer " + key, base + "/v1/jobs/" + job});
            System.out.println();
            System.out.println("=== bare Quarkus endpoint: GET /ping ===");
            System.out.println(bare);
            String ttl = System.getenv().getOrDefault("REALSKIN_JOBS_READ_CACHE_TTL", "250ms (default)");
            System.out.println("=== authenticated GET /v1/jobs/{id} (API key, scope, rate limit, job read; read cache TTL " + ttl + ") ===");
            System.out.println(auth);
            System.out.printf("%-34s %12s %10s %10s %10s%n", "endpoint", "req/s", "p50", "p99", "non-2xx");
            print("GET /ping (bare)", bare);
            print("GET /v1/jobs/{id} (authenticated)", auth);
            double rps = Double.parseDouble(match(auth, "Requests/sec:\\s+([0-9.]+)"));
            double p99 = millis(match(auth, "\\s99%\\s+([0-9.]+\\w+)"));
            boolean errors = auth.contains("Non-2xx");
            System.out.printf("%nTarget: >= 3000 req/s and p99 < 50 ms: %s%n", rps >= 3000 && p99 < 50 && !errors ? "MET" : "NOT MET");

            // How late a revocation takes effect, side by side: through this replica's API (evicted at once) and made
            // by another replica (straight in the database: this one learns it when its cached copy expires).
            String ttl2 = System.getenv().getOrDefault("REALSKIN_AUTH_CACHE_TTL", "2s (default)");
            String[] here = keyFor(base, adminKey);
            get(base + "/v1/jobs/" + job, here[1]); // cached
            long start = System.nanoTime();
            delete(base + "/v1/admin/api-keys/" + here[0], adminKey);
            double localMs = msUntil401(base + "/v1/jobs/" + job, here[1], start);
            String[] elsewhere = keyFor(base, adminKey);
            get(base + "/v1/jobs/" + job, elsewhere[1]); // cached
            try (java.sql.Connection db = stack.postgres().connect("gateway");
                 java.sql.PreparedStatement revoke = db.prepareStatement("update api_keys set revoked_at = now() where id = ?")) {
                revoke.setString(1, elsewhere[0]);
                start = System.nanoTime();
                revoke.executeUpdate();
            }
            double remoteMs = msUntil401(base + "/v1/jobs/" + job, elsewhere[1], start);
            System.out.printf("%nrevocation through this replica's API: 401 after %.0f ms%n", localMs);
            System.out.printf("revocation by another replica (in the database): 401 after %.0f ms (auth cache TTL %s)%n", remoteMs, ttl2);
        }
    }

    /** A fresh key of the admin tenant that may read jobs: {id, key}. */
    private static String[] keyFor(String base, String adminKey) throws Exception {
        String created = post(base + "/v1/admin/api-keys", adminKey, "application/json",
                "{\"tenantId\":\"admin\",\"scopes\":[\"jobs:read\"],\"rateLimitPerMinute\":10000000}");
        return new String[] {field(created, "id"), field(created, "key")};
    }

    private static double msUntil401(String url, String key, long startNanos) throws Exception {
        while (HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 401) {
            Thread.sleep(5);
        }
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static String get(String url, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void delete(String url, String key) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static void awaitUp(String url) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " not up");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int port(LocalDeployment d, RealSkinService s) {
        String url = d.url(s);
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private static void print(String name, String wrk) {
        String non2xx = wrk.contains("Non-2xx") ? match(wrk, "Non-2xx or 3xx responses:\\s+(\\d+)") : "0";
        System.out.printf("%-34s %12s %10s %10s %10s%n", name, match(wrk, "Requests/sec:\\s+([0-9.]+)"),
                match(wrk, "\\s50%\\s+([0-9.]+\\w+)"), match(wrk, "\\s99%\\s+([0-9.]+\\w+)"), non2xx);
    }

    private static double millis(String value) {
        double n = Double.parseDouble(value.replaceAll("[a-z]+$", ""));
        return value.endsWith("us") ? n / 1000 : value.endsWith("ms") ? n : n * 1000;
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    private static String run(String[] command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static String post(String url, String key, String type, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body instanceof byte[] b ? HttpRequest.BodyPublishers.ofByteArray(b)
                : HttpRequest.BodyPublishers.ofString((String) body);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).header("Content-Type", type).POST(publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String field(String json, String name) {
        return match(json, "\"" + name + "\"\\s*:\\s*\"([^\"]+)\"");
    }
}
