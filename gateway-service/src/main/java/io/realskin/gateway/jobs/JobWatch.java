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
 * than the last one sent, one read at a time ({@link SignalledReads}: a signal during a read is never lost; until
 * 2026-12-06 one that came as a read ended could be, and a stream whose job's last change it was sent keep-alives only).
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
            AtomicBoolean done = new AtomicBoolean();
            SignalledReads[] reads = new SignalledReads[1];
            reads[0] = new SignalledReads(finished -> {
                if (done.get()) {
                    finished.run();
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
                    if (changes.size() == BATCH) {
                        reads[0].signal(); // more after this batch
                    }
                    finished.run();
                }, failure -> {
                    done.set(true);
                    emitter.fail(failure);
                });
            });
            Runnable stopListening = updates.listen(jobId, newest -> {
                if (newest > sent.get()) {
                    reads[0].signal();
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
            reads[0].signal();
        });
    }
}
