package io.realskin.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian's {@code prometheus} package, or any {@code prometheus} on the PATH) scraping the services of
 * a local deployment with the alert rules of {@code deploy/prometheus/rules}. Each scrape job is named after its
 * service, as the Kubernetes scrape config names them, so the rules and the dashboard work on both.
 */
public final class PrometheusServer implements AutoCloseable {
    public static final String INSTALL_HINT = "Prometheus is not installed (Debian/Ubuntu: apt-get install prometheus)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** One endpoint serving {@code /q/metrics}; {@code job} is the service's name, shared by its replicas. */
    public record ScrapeTarget(String job, String hostPort) {
    }

    private final int port;
    private final Path logFile;
    private final Process process;

    private PrometheusServer(int port, Path logFile, Process process) {
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    /** The {@code prometheus} binary on the PATH, if there is one. */
    public static Optional<Path> binary() {
        return executableOnPath("prometheus");
    }

    /** The {@code promtool} binary on the PATH (it comes with Prometheus), if there is one. */
    public static Optional<Path> promtool() {
        return executableOnPath("promtool");
    }

    private static Optional<Path> executableOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Prometheus on the loopback {@code port} with its data and config in {@code dir}, and waits until it is ready.
     *
     * @param port Prometheus's usual 9090 where it is free for a user's run; any free port for a test, which may run
     *             beside a user's or another test's Prometheus
     * @param ruleFiles alert and recording rule files, loaded as they are
     */
    public static PrometheusServer start(Path dir, int port, List<Path> ruleFiles, List<ScrapeTarget> targets, Duration scrapeInterval) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, config(ruleFiles, targets, scrapeInterval));
            Path log = dir.resolve("prometheus.log");
            Process process = new ProcessBuilder(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            PrometheusServer server = new PrometheusServer(port, log, process);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus did not start in " + dir, e);
        }
    }

    /** The scrape config: one job per service, its replicas as targets; the rule files by absolute path. */
    static String config(List<Path> ruleFiles, List<ScrapeTarget> targets, Duration scrapeInterval) {
        StringBuilder yaml = new StringBuilder();
        String interval = scrapeInterval.toSeconds() + "s";
        yaml.append("# Written by deploy/local for the local stack; deploy/prometheus/prometheus.yml is the Kubernetes one.\n");
        yaml.append("global:\n  scrape_interval: ").append(interval).append("\n  evaluation_interval: ").append(interval).append('\n');
        yaml.append("rule_files:\n");
        ruleFiles.forEach(f -> yaml.append("  - '").append(f.toAbsolutePath()).append("'\n"));
        yaml.append("scrape_configs:\n");
        Map<String, List<String>> byJob = targets.stream().collect(Collectors.groupingBy(ScrapeTarget::job, TreeMap::new,
                Collectors.mapping(ScrapeTarget::hostPort, Collectors.toList())));
        byJob.forEach((job, hosts) -> {
            yaml.append("  - job_name: ").append(job).append('\n');
            yaml.append("    metrics_path: /q/metrics\n");
            yaml.append("    static_configs:\n      - targets: [");
            yaml.append(hosts.stream().map(h -> "'" + h + "'").collect(Collectors.joining(", "))).append("]\n");
        });
        return yaml.toString();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady() {
        try {
            HttpReadiness.await("Prometheus", process, URI.create(url() + "/-/ready"), START_TIMEOUT, logFile);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        JavaProcesses.stop(process, Duration.ofSeconds(10));
    }
}
