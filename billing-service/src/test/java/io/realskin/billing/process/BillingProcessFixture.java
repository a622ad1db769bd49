package io.realskin.billing.process;

import io.realskin.contracts.EventJson;
import io.realskin.contracts.JobTypes;
import io.realskin.local.LocalDeployment;
import io.realskin.local.LocalStack;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** billing-service as deployed (its packaged app in its own JVM) on the local stack, plus what the tests do to it. */
final class BillingProcessFixture implements AutoCloseable {
    static final String DATABASE = "billing";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalStack stack = LocalStack.shared();
    private final LocalDeployment deployment;
    private final int port;
    private final Map<String, String> env;
    private ServiceProcess billing;

    BillingProcessFixture(Map<String, String> env) {
        Path root = Path.of(System.getProperty("realskin.root", "..")).toAbsolutePath().normalize();
        Map<RealSkinService, Integer> ports = LocalDeployment.anyFreePorts();
        this.deployment = new LocalDeployment(root, stack, ports, "rsk_test_unused");
        this.port = ports.get(RealSkinService.BILLING);
        this.env = env;
    }

    BillingProcessFixture start() {
        billing = deployment.start(RealSkinService.BILLING, port, env);
        billing.awaitReady(LocalDeployment.READY_TIMEOUT);
        return this;
    }

    ServiceProcess process() {
        return billing;
    }

    String bootstrapServers() {
        return stack.kafkaBootstrapServers();
    }

    Connection db() throws SQLException {
        return stack.postgres().connect(DATABASE);
    }

    long queryLong(String sql, Object... args) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> put(String path, Object body) {
        return HTTP.sendAsync(request(path).PUT(HttpRequest.BodyPublishers.ofString(EventJson.write(body))).build(),
                HttpResponse.BodyHandlers.ofString()).join();
    }

    HttpResponse<String> get(String path) {
        return HTTP.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    /** Prometheus text from the management port. */
    String metrics() {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(billing.managementUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).join().body();
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, Object body) {
        return HTTP.sendAsync(request(path).POST(HttpRequest.BodyPublishers.ofString(EventJson.write(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Places a flux-2-pro 2 MP hold (6 credits) for each job, 50 requests in flight at a time. */
    void placeHolds(List<String> jobs, List<String> tenantOfJob) {
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            inFlight.add(postAsync("/holds", Map.of("tenantId", tenantOfJob.get(i), "jobId", jobs.get(i),
                    "quote", Map.of("operation", JobTypes.GENERATE, "model", "flux-2-pro", "megapixels", 2.0))));
            if (inFlight.size() == 50 || i == jobs.size() - 1) {
                for (CompletableFuture<HttpResponse<String>> call : inFlight) {
                    HttpResponse<String> response = call.join();
                    if (response.statusCode() != 201) {
                        throw new AssertionError("hold refused: " + response.statusCode() + " " + response.body());
                    }
                }
                inFlight.clear();
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(billing.baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", deployment.serviceKeys().bearer(RealSkinService.BILLING.audience(), "admin", "admin"))
                .timeout(Duration.ofSeconds(120)); // a bound for a busy machine, not a speed claim
    }

    @Override
    public void close() {
        if (billing != null) {
            billing.close();
        }
    }
}
