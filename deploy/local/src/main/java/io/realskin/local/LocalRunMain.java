package io.realskin.local;

import io.realskin.contracts.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code deploy/local/up}: the local stack and the five services in the foreground (optionally more texture workers
 * and a Prometheus); Ctrl-C or SIGTERM stops everything it started. Every start is fresh: the data of the previous
 * run is deleted first, once this run holds the directory's lock (a second run on a directory in use is refused).
 */
public final class LocalRunMain {
    /** What a run keeps under its home; deleted at the next start (only these, the home may be a user's directory). */
    private static final List<String> RUN_DIRS = List.of("kafka", "postgres", "blobs", "logs", "prometheus");

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(LocalRunOptions.USAGE);
            return;
        }
        LocalRunOptions options;
        try {
            options = LocalRunOptions.parse(Arrays.asList(args).subList(Math.min(1, args.length), args.length), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LocalRunOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.monitoring() && PrometheusServer.binary().isEmpty()) {
            System.err.println("--monitoring: " + PrometheusServer.INSTALL_HINT);
            System.exit(2);
        }
        String dir = System.getenv("REALSKIN_LOCAL_DIR");
        Path home = dir == null || dir.isBlank() ? root.resolve("var/local") : Path.of(dir).toAbsolutePath();
        String adminKey = System.getenv().getOrDefault("REALSKIN_ADMIN_KEY", ApiKeys.generate(false));
        if (!ApiKeys.isWellFormed(adminKey)) {
            System.err.println("REALSKIN_ADMIN_KEY is not an rsk_ key with a valid checksum");
            System.exit(2);
        }

        long started = System.nanoTime();
        LocalDirLock lock;
        try {
            lock = claim(home);
        } catch (LocalDirLock.InUse e) {
            System.err.println("RealSkin did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Starting Kafka (KRaft) and PostgreSQL in " + home + " ...");
        LocalStack stack;
        try {
            stack = LocalStack.start(home, Map.of(
                    "kafka", FreePorts.preferred(9092),
                    "postgres", FreePorts.preferred(5432)));
        } catch (RuntimeException e) {
            System.err.println("RealSkin did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        LocalDeployment deployment = new LocalDeployment(root, stack, LocalDeployment.defaultPortsWhereFree(), adminKey);
        AtomicReference<PrometheusServer> prometheus = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping RealSkin ...");
            if (prometheus.get() != null) {
                prometheus.get().close();
            }
            deployment.close();
            stack.close();
            lock.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "realskin-stop"));

        System.out.println("Kafka " + stack.kafkaBootstrapServers() + ", PostgreSQL " + stack.postgres().host() + ":"
                + stack.postgres().port() + "; starting the five services"
                + (options.textureWorkers() > 1 ? " and " + options.textureWorkers() + " texture workers" : "") + " ...");
        try {
            deployment.startAll();
            deployment.startTextureWorkers(options.textureWorkers());
            if (options.monitoring()) {
                int port = FreePorts.preferred(9090);
                prometheus.set(PrometheusServer.start(home.resolve("prometheus"), port, ruleFiles(root), deployment.scrapeTargets(),
                        Duration.ofSeconds(5)));
            }
        } catch (RuntimeException e) {
            System.err.println("RealSkin did not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("%nRealSkin is up in %.0f s.%n", (System.nanoTime() - started) / 1e9);
        for (ServiceProcess p : deployment.processes()) {
            System.out.printf("  %-19s %s  (health and metrics %s, log %s)%n", p.name(), p.baseUrl(), p.managementUrl(), p.logFile());
        }
        System.out.println();
        System.out.println("Gateway URL: " + deployment.url(RealSkinService.GATEWAY));
        System.out.println("Admin key:   " + adminKey);
        if (prometheus.get() != null) {
            System.out.println("Prometheus URL: " + prometheus.get().url());
        }
        System.out.println("Blob dir:    " + stack.blobDir());
        System.out.println("Ctrl-C stops everything.");
        stopped.await();
    }

    /** The alert and recording rules that Kubernetes' Prometheus loads too. */
    static List<Path> ruleFiles(Path root) {
        try (Stream<Path> files = Files.list(root.resolve("deploy/prometheus/rules"))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no rules in deploy/prometheus/rules", e);
        }
    }

    /**
     * The directory for this run: its lock first (held until the run has stopped), then "fresh on every start" (a stored
     * Kafka cluster id or database of the last run must not meet a new one). A run still going keeps its data: the
     * second one gets {@link LocalDirLock.InUse} and deletes nothing.
     */
    static LocalDirLock claim(Path home) {
        LocalDirLock lock = LocalDirLock.acquire(home);
        RUN_DIRS.stream().map(home::resolve).filter(Files::exists).forEach(LocalStack::deleteTree);
        return lock;
    }

    private LocalRunMain() {
    }
}
