package io.realskin.local;

import io.realskin.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The real servers RealSkin needs, without Docker: a KRaft Kafka broker, PostgreSQL and a blob directory.
 * Tests share one stack per JVM ({@link #shared()}); {@code deploy/local/up} starts one for the services it runs.
 * When {@code KAFKA_BOOTSTRAP_SERVERS} or {@code PGHOST} is set, that running server is used instead of a new one.
 */
public final class LocalStack implements AutoCloseable {
    /** Where {@link #shared()} announces the JVM's stack to the class loaders of other Quarkus test profiles. */
    public static final String SHARED_PROPERTY = "io.realskin.local-stack.shared"; // outside the services' realskin.* settings
    private static LocalStack shared;

    private final Path home;
    private final String kafkaBootstrapServers;
    private final KafkaBroker broker;
    private final PostgresServer postgres;
    private final Path blobDir;
    private final java.util.Deque<AutoCloseable> dependents = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private LocalStack(Path home, String kafkaBootstrapServers, KafkaBroker broker, PostgresServer postgres, Path blobDir) {
        this.home = home;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.broker = broker;
        this.postgres = postgres;
        this.blobDir = blobDir;
    }

    /**
     * One stack per JVM, stopped when the JVM exits. A {@code @QuarkusTest} with a test profile of its own runs in a
     * class loader of its own, with its own copy of this class: that copy uses the stack the JVM already runs (announced
     * in a system property, {@link #SHARED_PROPERTY}) instead of starting a second broker and PostgreSQL, as
     * {@code KAFKA_BOOTSTRAP_SERVERS} and {@code PGHOST} would make it. Such a copy does not own the servers:
     * {@link #broker()} is null there and {@link PostgresServer#isEmbedded()} false, so a test that stops them belongs
     * in a test class without a profile of its own.
     */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            String announced = System.getProperty(SHARED_PROPERTY);
            if (announced != null) {
                shared = attach(announced);
                return shared;
            }
            try {
                shared = start(Files.createTempDirectory("realskin-stack-"), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalStack stack = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                keepLogs(stack.home());
                deleteTree(stack.home());
            }, "local-stack-shutdown"));
            System.setProperty(SHARED_PROPERTY, String.join("\n", stack.home.toString(), stack.kafkaBootstrapServers,
                    stack.postgres.host(), String.valueOf(stack.postgres.port()), stack.postgres.user(), stack.postgres.password()));
        }
        return shared;
    }

    /** The JVM's shared stack as another class loader announced it: home, bootstrap servers, PostgreSQL host, port, user, password. */
    private static LocalStack attach(String announced) {
        String[] f = announced.split("\n", -1);
        Path home = Path.of(f[0]);
        return new LocalStack(home, f[1], null, PostgresServer.external(f[2], Integer.parseInt(f[3]), f[4], f[5]), home.resolve("blobs"));
    }

    /**
     * Starts what the environment does not already name.
     *
     * @param fixedPorts optional "kafka" and "postgres" ports; free ports are chosen for the others
     */
    public static LocalStack start(Path home, Map<String, Integer> fixedPorts) {
        Map<String, String> env = System.getenv();
        KafkaBroker broker = null;
        CompletableFuture<PostgresServer> postgresStarted = null;
        try {
            Files.createDirectories(home);
            String pgHost = env.get("PGHOST");
            // PostgreSQL starts on a thread of its own while the broker starts and the topics are made: neither needs
            // the other, and each takes seconds (every test module and the local run start a stack)
            postgresStarted = pgHost == null || pgHost.isBlank()
                    ? startAside(home.resolve("postgres"), port(fixedPorts, "postgres"))
                    : CompletableFuture.completedFuture(PostgresServer.external(pgHost,
                            Integer.parseInt(env.getOrDefault("PGPORT", "5432")), env.getOrDefault("PGUSER", "postgres"),
                            env.getOrDefault("PGPASSWORD", "")));
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap == null || bootstrap.isBlank()) {
                broker = new KafkaBroker(home.resolve("kafka"), port(fixedPorts, "kafka")).start();
                bootstrap = broker.bootstrapServers();
            }
            KafkaTopics.ensure(bootstrap, Topics.ALL);
            PostgresServer postgres = started(postgresStarted);
            Path blobs = Files.createDirectories(home.resolve("blobs"));
            return new LocalStack(home, bootstrap, broker, postgres, blobs);
        } catch (IOException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            if (postgresStarted != null) {
                try {
                    started(postgresStarted).close();
                } catch (RuntimeException failedToo) {
                    e.addSuppressed(failedToo);
                }
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static CompletableFuture<PostgresServer> startAside(Path dataDir, int port) {
        return CompletableFuture.supplyAsync(() -> PostgresServer.start(dataDir, port), task -> {
            Thread thread = new Thread(task, "local-stack-postgres-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The started server, or what its start threw. */
    private static PostgresServer started(CompletableFuture<PostgresServer> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Copies the stack's service and server logs to {@code <realskin.logs.keep>/<stack home name>/} when that system
     * property is set (system-tests sets it), so a failed run can be read after the temporary home is gone.
     */
    private static void keepLogs(Path home) {
        String keep = System.getProperty("realskin.logs.keep");
        Path logs = home.resolve("logs");
        if (keep == null || !Files.isDirectory(logs)) {
            return;
        }
        try (var files = Files.list(logs)) {
            Path target = Files.createDirectories(Path.of(keep).resolve(home.getFileName().toString()));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not keep the logs of " + home + ": " + e.getMessage());
        }
    }

    /** Best effort: a stack's home or part of it (data, logs, blobs) once everything on it has stopped. */
    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    private static int port(Map<String, Integer> fixed, String name) {
        Integer port = fixed.get(name);
        return port == null ? FreePorts.any() : port;
    }

    public Path home() {
        return home;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public Path blobDir() {
        return blobDir;
    }

    /**
     * The JDBC pool serves only the Flyway migration at start; its default 5 s to get a connection failed a gateway's
     * start on a machine at load average 70 (a new PostgreSQL backend is a fork on a starved CPU).
     */
    private static final String JDBC_ACQUISITION_TIMEOUT = "60s";

    /** Environment variables that point a service process at this stack (Quarkus' own names, docs/architecture.md). */
    public Map<String, String> serviceEnvironment(String database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("REALSKIN_BLOB_STORE", "fs");
        env.put("REALSKIN_BLOB_DIR", blobDir.toString());
        if (database != null) {
            postgres.ensureDatabase(database);
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
            env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", JDBC_ACQUISITION_TIMEOUT);
        }
        return env;
    }

    /** The same settings as configuration properties, for a Quarkus test running in this JVM. */
    public Map<String, String> quarkusConfig(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        config.put("realskin.blob.store", "fs");
        config.put("realskin.blob.dir", blobDir.toString());
        if (database != null) {
            postgres.ensureDatabase(database);
            config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
            config.put("quarkus.datasource.username", postgres.user());
            config.put("quarkus.datasource.password", postgres.password());
            config.put("quarkus.datasource.jdbc.acquisition-timeout", JDBC_ACQUISITION_TIMEOUT);
        }
        return config;
    }

    public boolean ownsKafka() {
        return broker != null;
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** Something running on this stack (services, say) that must stop before it; closed last-registered first. */
    public void closeBefore(AutoCloseable dependent) {
        dependents.push(dependent);
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable dependent = dependents.poll(); dependent != null; dependent = dependents.poll()) {
            try {
                dependent.close();
            } catch (Exception e) {
                System.err.println("while stopping " + dependent + ": " + e);
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
