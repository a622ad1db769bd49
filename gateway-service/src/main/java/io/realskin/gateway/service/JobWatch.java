package io.realskin.gateway.service;

import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.domain.Job;
import io.realskin.gateway.repository.JobRepository;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job's changes as a stream, for SSE: the job as it is now, then each change (status, stage, progress), ending
 * with the state in which it ended. Woken by {@link JobUpdates} on this replica, and re-read on a timer for changes
 * applied by another replica.
 */
@ApplicationScoped
public class JobWatch {
    private final JobRepository jobs;
    private final JobUpdates updates;
    private final Vertx vertx;
    private final long pollMillis;

    public JobWatch(JobRepository jobs, JobUpdates updates, Vertx vertx, GatewayConfig config) {
        this.jobs = jobs;
        this.updates = updates;
        this.vertx = vertx;
        this.pollMillis = config.jobs().ssePoll().toMillis();
    }

    public Multi<Job> changes(String tenantId, String jobId) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<String> last = new AtomicReference<>();
            AtomicBoolean reading = new AtomicBoolean();
            AtomicBoolean again = new AtomicBoolean();
            AtomicBoolean done = new AtomicBoolean();
            Runnable[] check = new Runnable[1];
            check[0] = () -> {
                if (done.get()) {
                    return;
                }
                if (!reading.compareAndSet(false, true)) {
                    again.set(true);
                    return;
                }
                jobs.find(tenantId, jobId).subscribe().with(found -> {
                    reading.set(false);
                    if (found.isEmpty()) {
                        done.set(true);
                        emitter.complete();
                        return;
                    }
                    Job job = found.get();
                    String state = job.status() + "|" + job.stage() + "|" + job.progress();
                    if (!state.equals(last.getAndSet(state))) {
                        emitter.emit(job);
                    }
                    if (job.status().terminal()) {
                        done.set(true);
                        emitter.complete();
                    } else if (again.getAndSet(false)) {
                        check[0].run();
                    }
                }, failure -> {
                    reading.set(false);
                    done.set(true);
                    emitter.fail(failure);
                });
            };
            long timer = vertx.setPeriodic(pollMillis, id -> check[0].run());
            Runnable stopListening = updates.listen(jobId, check[0]);
            emitter.onTermination(() -> {
                done.set(true);
                vertx.cancelTimer(timer);
                stopListening.run();
            });
            check[0].run();
        });
    }
}
