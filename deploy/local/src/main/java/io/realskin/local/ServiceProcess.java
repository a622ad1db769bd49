package io.realskin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One service running as its own JVM, as deployed: {@code java -jar quarkus-run.jar} with its environment, its
 * application and management ports on the loopback interface only.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final Process process;
    /** Put in this process's health answers, so that only its own answer makes it ready (HttpReadiness). */
    private final String identity;

    private ServiceProcess(String name, int port, int managementPort, Path logFile, Process process, String identity) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.process = process;
        this.identity = identity;
    }

    /**
     * The local run's JIT: the client compiler alone, so five services and a broker start and stay light on a
     * laptop; deploy/docker and deploy/k8s run the JVM's default, tiered compilation up to C2.
     */
    public static final List<String> CLIENT_COMPILER = List.of("-XX:TieredStopAtLevel=1");
    /** A top-level field of every /q/health answer (SmallRye Health's additional properties). */
    private static final String IDENTITY_PROPERTY = "quarkus.smallrye-health.additional.property.realskin-process";

    public static ServiceProcess start(String name, Path appJar, int port, int managementPort, String maxHeap,
                                       Map<String, String> env, Path logDir) {
        return start(name, appJar, port, managementPort, maxHeap, CLIENT_COMPILER, env, logDir);
    }

    /** @param compiler the JIT flags: {@link #CLIENT_COMPILER}, or none for tiered compilation as in a container */
    public static ServiceProcess start(String name, Path appJar, int port, int managementPort, String maxHeap,
                                       List<String> compiler, Map<String, String> env, Path logDir) {
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException(appJar + " is missing: run mvn -DskipTests package first");
        }
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            String identity = name + "-" + UUID.randomUUID();
            List<String> command = new ArrayList<>(List.of(JavaProcesses.javaBinary(), "-Xmx" + maxHeap, "-XX:+UseSerialGC"));
            command.addAll(compiler);
            command.addAll(List.of("-Djava.awt.headless=true", "-D" + IDENTITY_PROPERTY + "=" + identity, "-jar", appJar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeAll(LocalDeployment.PROVIDER_VARIABLES); // only where given
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_HOST", LOOPBACK);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_MANAGEMENT_HOST", LOOPBACK);
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            return new ServiceProcess(name, port, managementPort, log, builder.start(), identity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + port;
    }

    /** Health ({@code /q/health/ready}, {@code /q/health/live}) and metrics ({@code /q/metrics}). */
    public String managementUrl() {
        return "http://" + LOOPBACK + ":" + managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200 (Kafka and database connections up). */
    public void awaitReady(Duration timeout) {
        HttpReadiness.await(name, process, URI.create(managementUrl() + "/q/health/ready"), timeout, logFile, identity);
    }

    /** SIGKILL, as a crash: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
    public void stop(Duration grace) {
        JavaProcesses.stop(process, grace);
    }
}
