package io.realskin.gateway.jobs;

import io.realskin.gateway.auth.AuthService;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the key of an open event stream still opens it: checked as a request would be ({@link AuthService}, through
 * its cache) every {@code realskin.auth.cache-ttl} and at once after an eviction on this replica, so that a revoked or
 * expired key, or a suspended tenant's, stops receiving its job's changes within the same bound as its requests: at
 * once on the replica that revoked or suspended, within the TTL (2 s) on the others. Until 2026-12-07 a stream opened
 * before was never checked again and delivered the job for up to 15 minutes. A failed check for any other reason (the
 * database away) keeps the stream: the next one decides.
 */
@ApplicationScoped
public class StreamAccess {
    private final AuthService auth;
    private final Vertx vertx;
    private final long everyMillis;

    public StreamAccess(AuthService auth, Vertx vertx, GatewayConfig config) {
        this.auth = auth;
        this.vertx = vertx;
        this.everyMillis = Math.max(1, config.auth().cacheTtl().toMillis());
    }

    /** The problem (401, 403) a request with this Authorization would now get, once, as soon as it would; then the end. */
    public Multi<Problem> refusal(String authorization) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicBoolean done = new AtomicBoolean();
            SignalledReads checks = new SignalledReads(finished -> {
                if (done.get()) {
                    finished.run();
                    return;
                }
                auth.authenticate(authorization).subscribe().with(caller -> finished.run(), failure -> {
                    if (failure instanceof ProblemException refused && (refused.problem().status() == 401 || refused.problem().status() == 403)
                            && done.compareAndSet(false, true)) {
                        emitter.emit(refused.problem());
                        emitter.complete();
                    }
                    finished.run();
                });
            });
            long timer = vertx.setPeriodic(everyMillis, id -> checks.signal());
            Runnable stopListening = auth.onEviction(checks::signal);
            emitter.onTermination(() -> {
                done.set(true);
                vertx.cancelTimer(timer);
                stopListening.run();
            });
        });
    }
}
