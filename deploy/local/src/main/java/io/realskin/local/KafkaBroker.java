package io.realskin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (Apache Kafka's own server at the version Quarkus manages) in a JVM of its
 * own. Its classpath comes from the {@code kafka-broker-classpath} module, resolved by Maven at build time.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "/io/realskin/local/broker.classpath";
    /** Generous: on a machine busy with other builds (load average 40-85) a JVM broker has been seen to need more than 90 s. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final Path dir;
    private final int port;
    private final int controllerPort;
    /** Kept for the broker's life, so that {@link #start()} after {@link #close()} restarts it on its own data. */
    private final String clusterId = Uuid.randomUuid().toString();
    private Process process;

    public KafkaBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = FreePorts.any();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return dir.resolve("broker.log");
    }

    /** Starts the broker; after {@link #close()}, starts it again on the same ports and data (a restart). */
    public KafkaBroker start() {
        try {
            Files.createDirectories(dir);
            Path config = writeServerProperties();
            Path log4j = writeLog4jConfig();
            String classpath = brokerClasspath();
            // A restart (or a second run on the same data) finds the data formatted: the tool's own JVM would start to
            // do nothing (--ignore-formatted), a few seconds of every Kafka restart in the tests.
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                runToCompletion(List.of(JavaProcesses.javaBinary(), "-Xmx256m", "-cp", classpath,
                        "-Dlog4j2.configurationFile=" + log4j, "kafka.tools.StorageTool", "format",
                        "-t", clusterId, "-c", config.toString(), "--ignore-formatted"));
            }
            List<String> command = new ArrayList<>(List.of(JavaProcesses.javaBinary(), "-Xms256m", "-Xmx512m",
                    "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath,
                    "io.realskin.local.broker.BrokerMain", config.toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            awaitReady();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker did not start; see " + logFile(), e);
        }
    }

    public Admin admin() {
        return KafkaTopics.admin(bootstrapServers());
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGSTOP: the broker keeps its port and connections open but answers nothing, like a hung or partitioned one. */
    public void pause() {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, String.valueOf(pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        JavaProcesses.stop(process, Duration.ofSeconds(20));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + logFile());
            }
            // An admin client made before the port listens spins through rebootstraps (thousands of log lines, a core
            // busy) while the broker's own JVM needs that core to start.
            if (!FreePorts.accepts(port)) {
                last = new IllegalStateException("nothing listens on " + bootstrapServers() + " yet");
                sleep(200);
                continue;
            }
            try (Admin admin = admin()) {
                // a port found free may be taken by another stack's broker in the meantime: then that one answers
                String answering = admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                if (clusterId.equals(answering)) {
                    return;
                }
                last = new IllegalStateException("another Kafka broker (cluster " + answering + ") answers on " + bootstrapServers());
                sleep(500);
            } catch (Exception e) {
                last = e;
                sleep(500);
            }
        }
        close();
        throw new IllegalStateException("Kafka broker not ready within " + START_TIMEOUT + "; see " + logFile(), last);
    }

    private Path writeServerProperties() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "RealSkin local stack: single-node KRaft broker");
        }
        return file;
    }

    private Path writeLog4jConfig() throws IOException {
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.kafka.name = kafka.server.KafkaRaftServer",
                "logger.kafka.level = INFO", ""));
        return file;
    }

    /** Kafka's jars from the resource, plus the jar (or class folder) that holds {@code BrokerMain}. */
    static String brokerClasspath() throws IOException {
        URL resource = KafkaBroker.class.getResource(CLASSPATH_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build the kafka-broker-classpath module");
        }
        String jars;
        try (var in = resource.openStream()) {
            jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        return codeRoot(resource) + java.io.File.pathSeparator + jars;
    }

    private static String codeRoot(URL resource) {
        String url = resource.toString();
        if (url.startsWith("jar:file:")) {
            return Path.of(java.net.URI.create(url.substring("jar:".length(), url.indexOf("!/")))).toString();
        }
        Path file = Path.of(java.net.URI.create(url));
        // .../classes/io/realskin/local/broker.classpath -> .../classes
        return file.getParent().getParent().getParent().getParent().toString();
    }

    private static void runToCompletion(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kafka storage format failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
