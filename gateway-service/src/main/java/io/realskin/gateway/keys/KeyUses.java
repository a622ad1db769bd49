package io.realskin.gateway.keys;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * When each key last authenticated a request ({@code lastUsedAt} of the key listings): noted in memory by each request,
 * written for all keys in one batch every {@code realskin.keys.last-used-flush-every} (and at shutdown), so no request
 * waits for a write and a key in constant use costs one update per interval and replica. A write that fails leaves its
 * uses noted for the next.
 */
@ApplicationScoped
public class KeyUses {
    private static final Logger LOG = Logger.getLogger(KeyUses.class);
    /**
     * Keys noted between two writes at most (as many as the authentication cache holds): past it, a key not yet noted is
     * noted at its next use after the write.
     */
    static final int MAX_NOTED = 100_000;

    private final ConcurrentHashMap<String, Instant> noted = new ConcurrentHashMap<>();
    private final ApiKeyRepository keys;
    private final Duration dbTimeout;

    public KeyUses(ApiKeyRepository keys, GatewayConfig config) {
        this.keys = keys;
        this.dbTimeout = config.database().timeout();
    }

    /** The key authenticated a request now. */
    public void used(String keyId) {
        note(keyId, Instant.now());
    }

    private void note(String keyId, Instant at) {
        if (noted.size() >= MAX_NOTED && !noted.containsKey(keyId)) {
            return;
        }
        noted.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Scheduled(every = "${realskin.keys.last-used-flush-every}", delayed = "${realskin.keys.last-used-flush-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            write();
        } catch (RuntimeException e) {
            LOG.warnf("the keys' last uses were not written (the next write retries them): %s", e.toString());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduled();
    }

    /** Blocking. Writes the uses noted since the last write. */
    public void write() {
        Map<String, Instant> batch = new HashMap<>();
        for (String keyId : List.copyOf(noted.keySet())) {
            Instant at = noted.remove(keyId);
            if (at != null) {
                batch.put(keyId, at);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            keys.recordLastUses(batch).await().atMost(dbTimeout);
        } catch (RuntimeException e) {
            batch.forEach(this::note);
            throw e;
        }
    }
}
