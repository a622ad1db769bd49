package io.realskin.gateway.jobs;

import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.ModelCatalogue;
import io.realskin.gateway.backends.PromptClient;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Whether this deployment can run a model, as prompt-service's catalogue says ({@code available}: its provider has a
 * key; the keys themselves are generation-service's and prompt-service's, never the gateway's). The catalogue is the
 * same for every tenant and changes only when those services restart, so one copy is kept per replica for
 * {@code realskin.jobs.model-catalogue-ttl}. One call at a time refreshes it: while it runs, the other submits read the
 * expired copy instead of each asking prompt-service and waiting for it (only the replica's very first read waits).
 * Fails open: a catalogue that cannot be read, or a model it does not list, refuses nothing, and generation-service's
 * {@code provider_not_configured} stays the last word. Blocking.
 */
@ApplicationScoped
public class ModelAvailability {
    private static final Logger LOG = Logger.getLogger(ModelAvailability.class);

    /** The catalogue's models by id (empty: unknown), and until when this copy holds. */
    private record Known(Map<String, ImageModel> models, long expiresAtNanos) {
        boolean fresh() {
            return expiresAtNanos - System.nanoTime() > 0;
        }
    }

    private final Function<String, ModelCatalogue> catalogue;
    private final long ttlNanos;
    private final boolean refuse;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Known known;

    @Inject
    public ModelAvailability(PromptClient prompts, GatewayConfig config) {
        this(prompts::models, config.jobs().modelCatalogueTtl(), config.jobs().refuseUnavailableModels());
    }

    /** @param catalogue prompt-service's catalogue, read on behalf of a tenant */
    ModelAvailability(Function<String, ModelCatalogue> catalogue, Duration ttl, boolean refuse) {
        this.catalogue = catalogue;
        this.ttlNanos = ttl.toNanos();
        this.refuse = refuse;
    }

    /** Throws 409 model-unavailable when the catalogue says the model's provider is not configured here. */
    void require(String tenantId, String modelId) {
        if (!refuse) {
            return;
        }
        ImageModel model = models(tenantId).get(modelId);
        if (model != null && !model.available()) {
            throw Problems.modelUnavailable(modelId, model.provider());
        }
    }

    private Map<String, ImageModel> models(String tenantId) {
        Known now = known;
        if (now != null && now.fresh()) {
            return now.models();
        }
        if (now != null && !refreshing.tryLock()) {
            return now.models(); // another submit is refreshing it
        }
        if (now == null) {
            refreshing.lock();
        }
        try {
            Known current = known;
            if (current != null && current.fresh()) {
                return current.models(); // refreshed while this one waited for the first read
            }
            Map<String, ImageModel> models = read(tenantId);
            known = new Known(models, System.nanoTime() + ttlNanos);
            return models;
        } finally {
            refreshing.unlock();
        }
    }

    private Map<String, ImageModel> read(String tenantId) {
        try {
            return catalogue.apply(tenantId).models().stream()
                    .collect(Collectors.toMap(ImageModel::id, Function.identity(), (first, second) -> first));
        } catch (RuntimeException e) {
            LOG.warnf("model catalogue unreadable (%s): jobs are not checked for their model's provider until it is", e.getMessage());
            return Map.of();
        }
    }
}
