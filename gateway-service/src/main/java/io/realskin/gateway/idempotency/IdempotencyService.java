package io.realskin.gateway.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.idempotency.IdempotencyRepository.Entry;
import io.realskin.gateway.problems.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Idempotency-Key: the first request with a key runs and its response is kept for 24 h; the same key with the same
 * request by the same API key gets that response again; another request, or another API key, gets 422; while the
 * first still runs, 409. An answer holding a secret (its entity is {@link HoldsSecret}: a new API key, a webhook signing
 * secret) is never kept: its replay is 409 idempotency-secret-not-replayable. Blocking.
 */
@ApplicationScoped
public class IdempotencyService {
    /** realskin.database.timeout: how long a claim, a lookup or a release waits for the database. */
    private final Duration dbTimeout;

    /** A response to store or to replay. */
    public record StoredResponse(int status, String contentType, String body, JsonNode headers) {
    }

    private final IdempotencyRepository repository;
    private final GatewayConfig.Idempotency config;
    private final Counter replays;

    public IdempotencyService(IdempotencyRepository repository, GatewayConfig config, MeterRegistry registry) {
        this.dbTimeout = config.database().timeout();
        this.repository = repository;
        this.config = config.idempotency();
        this.replays = Counter.builder("realskin.gateway.idempotent.replays").description("stored responses replayed")
                .register(registry);
    }

    /**
     * Empty when this request should run now (it holds the key); the stored response when it already ran. The caller
     * has been authorised for the route before (AuthFilter): a replay never skips a scope check.
     */
    public Optional<StoredResponse> begin(String tenantId, String apiKeyId, String key, String requestHash) {
        if (repository.claim(tenantId, apiKeyId, key, requestHash, config.ttl(), config.staleAfter()).await().atMost(dbTimeout)) {
            return Optional.empty();
        }
        Entry entry = repository.find(tenantId, key).await().atMost(dbTimeout)
                .orElseThrow(Problems::idempotencyInProgress); // deleted meanwhile: the first request failed; retry
        if (!apiKeyId.equals(entry.apiKeyId())) {
            throw Problems.idempotencyKeyOfAnotherApiKey();
        }
        if (!entry.requestHash().equals(requestHash)) {
            throw Problems.idempotencyKeyReused();
        }
        if (entry.withheld()) {
            throw Problems.idempotencySecretNotReplayable();
        }
        if (!entry.done()) {
            throw Problems.idempotencyInProgress();
        }
        replays.increment();
        return Optional.of(new StoredResponse(entry.status(), entry.contentType(), entry.body(), entry.headers()));
    }

    /** Keeps the answer for replays. */
    public void complete(String tenantId, String key, StoredResponse response) {
        repository.complete(tenantId, key, response.status(), response.contentType(), response.body(), response.headers())
                .await().atMost(dbTimeout);
    }

    /** The answer held a secret ({@link HoldsSecret}): only that the request ran, and its status, is kept. */
    public void withhold(String tenantId, String key, int status) {
        repository.withhold(tenantId, key, status).await().atMost(dbTimeout);
    }

    /** The request failed on our side: forget the key so that a retry runs again. */
    public void abandon(String tenantId, String key) {
        repository.release(tenantId, key).await().atMost(dbTimeout);
    }

    @Scheduled(every = "10m", delayed = "1m")
    Uni<Void> expire() {
        return repository.deleteOlderThan(config.ttl()).replaceWithVoid().onFailure().recoverWithNull();
    }
}
