package io.realskin.gateway.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.realskin.gateway.config.GatewayConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one LISTEN connection of this replica: PostgreSQL notifies channel {@code job_history} with a job's id when any
 * replica commits a change of it (trigger of migration V3), and this dispatches it to the local streams
 * ({@link JobUpdates}). It reconnects by itself, and after a reconnect every stream reads again (notifications sent
 * while it was away are lost). A slow sweep, one query for all the watched jobs, is the safety net behind it.
 */
@ApplicationScoped
public class JobHistoryListener {
    static final String CHANNEL = "job_history";
    private static final Logger LOG = Logger.getLogger(JobHistoryListener.class);
    private static final long MAX_RECONNECT_DELAY_MS = 10_000;

    private final Vertx vertx;
    private final JobUpdates updates;
    private final JobHistoryRepository history;
    private final GatewayConfig config;
    private final PgConnectOptions options;
    private volatile PgSubscriber subscriber;
    private volatile long sweepTimer = -1;

    public JobHistoryListener(Vertx vertx, JobUpdates updates, JobHistoryRepository history, GatewayConfig config,
                              @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                              @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                              @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.updates = updates;
        this.history = history;
        this.config = config;
        String first = url.split(",")[0].trim(); // Quarkus takes a list of servers; one is enough to listen
        PgConnectOptions connect = PgConnectOptions.fromUri(first.startsWith("vertx-reactive:") ? first.substring(15) : first);
        user.ifPresent(connect::setUser);
        password.ifPresent(connect::setPassword);
        this.options = connect;
    }

    void onStart(@Observes StartupEvent event) {
        PgSubscriber s = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> Math.min(MAX_RECONNECT_DELAY_MS, 250L << Math.min(attempt, 6)));
        s.channel(CHANNEL)
                .handler(updates::publish)
                .subscribeHandler(() -> {
                    LOG.debug("listening to job history notifications");
                    updates.publishAll();
                });
        subscriber = s;
        connect(s, 0);
        sweepTimer = vertx.setPeriodic(config.jobs().sse().sweep().toMillis(), id -> sweep());
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(sweepTimer);
        PgSubscriber s = subscriber;
        subscriber = null;
        if (s != null) {
            s.closeAndForget();
        }
    }

    /** The first connection is retried here; once connected, the subscriber's reconnect policy takes over. */
    private void connect(PgSubscriber s, int attempt) {
        s.connect().subscribe().with(ok -> { }, failure -> {
            if (subscriber != s) {
                return;
            }
            long delay = Math.min(MAX_RECONNECT_DELAY_MS, 250L << Math.min(attempt, 6));
            LOG.warnf("job history notifications: cannot listen (%s); trying again in %d ms", failure.getMessage(), delay);
            vertx.setTimer(delay, id -> connect(s, attempt + 1));
        });
    }

    /** One query for every job watched here: a stream behind the newest change reads again. */
    private void sweep() {
        Set<String> watched = updates.watched();
        if (watched.isEmpty()) {
            return;
        }
        history.latest(watched).subscribe().with(latest -> latest.forEach(updates::publish),
                failure -> LOG.debugf("job history sweep: %s", failure.getMessage()));
    }
}
