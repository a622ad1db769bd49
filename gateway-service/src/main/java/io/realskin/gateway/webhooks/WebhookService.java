package io.realskin.gateway.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.Startup;
import io.realskin.contracts.EventJson;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.jobs.Job;
import io.realskin.gateway.tenants.TenantRepository;
import io.realskin.gateway.jobs.JobView;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.webhooks.WebhookRepository.StoredSecret;
import io.realskin.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A tenant's webhook endpoint and signing secrets, and the deliveries a finished job creates. */
@Startup // a max-signing-secrets below 2 stops the gateway at start, not its first rotation
@ApplicationScoped
public class WebhookService {
    /** realskin.database.timeout: how long a settings read or write waits for the database. */
    private final Duration dbTimeout;

    public record Settings(String url, List<StoredSecret> secrets) {
    }

    public record NewSecret(String id, String secret, Instant previousExpireAt) {
    }

    private final WebhookRepository repository;
    private final TenantRepository tenants;
    private final WebhookUrlPolicy policy;
    private final SecretCipher cipher;
    private final Duration overlap;
    private final int maxSigningSecrets;

    public WebhookService(WebhookRepository repository, TenantRepository tenants, WebhookUrlPolicy policy, SecretCipher cipher,
                          io.realskin.gateway.config.GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.repository = repository;
        this.tenants = tenants;
        this.policy = policy;
        this.cipher = cipher;
        this.overlap = config.webhooks().rotationOverlap();
        this.maxSigningSecrets = config.webhooks().maxSigningSecrets();
        if (maxSigningSecrets < 2) { // the newest never expires: with one, no rotation could ever take place
            throw new IllegalArgumentException("realskin.webhooks.max-signing-secrets must be at least 2 (the newest secret and "
                    + "one rotated out), not " + maxSigningSecrets);
        }
    }

    /**
     * Blocking (DNS): throws webhook-url-refused naming the request's {@code field} unless the URL may be called (or 429
     * too-many-webhook-lookups when the tenant's lookups in progress are at their bound, 503 server-busy when the
     * replica's are).
     */
    public void checkUrl(String tenantId, String url, String field) {
        try {
            policy.check(tenantId, url);
        } catch (ProblemException e) {
            throw new ProblemException(e.problem().with("field", field), e.headers());
        }
    }

    /** Blocking. Sets (or, with null, removes) the tenant's default endpoint. */
    public Settings setEndpoint(String tenantId, String url) {
        if (url != null) {
            checkUrl(tenantId, url, "url");
        }
        tenants.setWebhookUrl(tenantId, url).await().atMost(dbTimeout);
        return settings(tenantId);
    }

    public Settings settings(String tenantId) {
        return new Settings(tenants.webhookUrl(tenantId).await().atMost(dbTimeout).orElse(null),
                repository.activeSecrets(tenantId).await().atMost(dbTimeout));
    }

    /**
     * Blocking. A new signing secret, shown once; older ones keep signing for the overlap, then expire. With
     * {@code maxSigningSecrets} signing already (every delivery is signed with each), 429 until the oldest expires.
     */
    public NewSecret rotate(String tenantId) {
        String secret = WebhookSigner.newSecret();
        String id = Ids.webhookSecret();
        boolean hadOne = !repository.activeSecrets(tenantId).await().atMost(dbTimeout).isEmpty();
        Optional<Instant> full = repository.rotate(tenantId, id, cipher.encrypt(secret), overlap.toSeconds(), maxSigningSecrets)
                .await().atMost(dbTimeout);
        if (full.isPresent()) {
            long seconds = Math.max(1, Duration.between(Instant.now(), full.get()).toSeconds() + 1);
            throw Problems.tooManyWebhookSecrets(maxSigningSecrets, seconds);
        }
        return new NewSecret(id, secret, hadOne ? Instant.now().plus(overlap) : null);
    }

    /** The secrets that sign now, newest first, decrypted. */
    public Uni<List<String>> signingSecrets(String tenantId) {
        return repository.activeSecrets(tenantId).map(list -> list.stream().map(s -> cipher.decrypt(s.encrypted())).toList());
    }

    /**
     * In the transaction that ended the job: a delivery to the job's webhook, else to the tenant's endpoint, if either
     * is set. The dispatcher sends it after the commit.
     */
    public Uni<Void> enqueue(SqlClient tx, Job job) {
        Uni<Optional<String>> target = job.webhookUrl() != null ? Uni.createFrom().item(Optional.of(job.webhookUrl()))
                : tenants.webhookUrl(job.tenantId());
        return target.chain(url -> {
            if (url.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String type = "job." + job.status().wire();
            ObjectNode payload = EventJson.MAPPER.createObjectNode();
            payload.put("type", type);
            payload.put("timestamp", Instant.now().toString());
            ObjectNode data = EventJson.MAPPER.valueToTree(JobView.of(job));
            // the job as GET /v1/jobs/{id} shows it but for the key that made it: a receiver acts on the job's outcome,
            // and its payload stays as it was before jobs recorded their key (docs/api.md, "Webhooks")
            data.remove("createdBy");
            payload.set("data", data);
            return repository.insertDelivery(tx, Ids.webhookMessage(), job.tenantId(), job.id(), type, url.get(),
                    EventJson.write(payload));
        });
    }
}
