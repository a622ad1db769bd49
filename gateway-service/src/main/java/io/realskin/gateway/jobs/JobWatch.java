package io.realskin.gateway.jobs;

import io.realskin.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job's changes as a stream, for SSE: every change recorded in its history after a given sequence, in order, each
 * once, ending after its last change ({@link JobChange#last()}), when the stream's maximum duration is up or when the
 * replica starts to shut down ({@link OpenStreams}). Reads the history when {@link JobUpdates} signals a change newer
 * than the last one sent.
 */
@ApplicationScoped
public class JobWatch {
    private static final int BATCH = 100;

    private final JobHistoryRepository history;
    private final JobUpdates updates;
    private final OpenStreams open;
    private final Vertx vertx;
    private final GatewayConfig config;

    public JobWatch(JobHistoryRepository history, JobUpdates updates, OpenStreams open, Vertx vertx, GatewayConfig config) {
        this.history = history;
        this.updates = updates;
        this.open = open;
        this.vertx = vertx;
        this.config = config;
    }

    public Multi<JobChange> changes(String tenantId, String jobId, int afterSequence) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicInteger sent = new AtomicInteger(afterSequence);
            AtomicBoolean reading = new AtomicBoolean();
            AtomicBoolean again = new AtomicBoolean();
            AtomicBoolean done = new AtomicBoolean();
            Runnable[] read = new Runnable[1];
            read[0] = () -> {
                if (done.get()) {
                    return;
                }
                if (!reading.compareAndSet(false, true)) {
                    again.set(true); // the read going on may have missed it: one more after it
                    return;
                }
                history.after(tenantId, jobId, sent.get(), BATCH).subscribe().with(changes -> {
                    for (JobChange change : changes) {
                        if (done.get()) {
                            return;
                        }
                        emitter.emit(change);
                        sent.set(change.sequence());
                        if (change.last()) {
                            done.set(true);
                            emitter.complete();
                            return;
                        }
                    }
                    reading.set(false);
                    if (changes.size() == BATCH || again.getAndSet(false)) {
                        read[0].run();
                    }
                }, failure -> {
                    done.set(true);
                    emitter.fail(failure);
                });
            };
            Runnable stopListening = updates.listen(jobId, newest -> {
                if (newest > sent.get()) {
                    read[0].run();
                }
            });
            Runnable end = () -> {
                done.set(true);
                emitter.complete();
            };
            long endTimer = vertx.setTimer(config.jobs().sse().maxDuration().toMillis(), id -> end.run());
            Runnable[] forget = {() -> { }};
            emitter.onTermination(() -> {
                done.set(true);
                vertx.cancelTimer(endTimer);
                forget[0].run();
                stopListening.run();
            });
            forget[0] = open.open(end); // after onTermination: a replica shutting down ends the stream in this call
            read[0].run();
        });
    }
}
