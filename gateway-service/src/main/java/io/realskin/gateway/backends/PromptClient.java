package io.realskin.gateway.backends;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.prompt.Advice;
import io.realskin.contracts.prompt.AdviceRequest;
import io.realskin.contracts.prompt.EnhanceRequest;
import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.LintReport;
import io.realskin.contracts.prompt.LintRequest;
import io.realskin.contracts.prompt.ModelCatalogue;
import io.realskin.contracts.prompt.RecommendRequest;
import io.realskin.contracts.prompt.Recommendation;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * prompt-service, proxied in its own records. Its 4xx problems (whose types are prompt-service's own, or shared) pass
 * on as {@link BackendProblem#toCaller} has them; a 5xx, a refused connection or a timeout is the caller's 503. Every
 * call is pure computation at prompt-service, so all are retried. Each holds one of its tenant's {@link PromptCallSlots}
 * from before its first attempt until its answer, problem or failure. Blocking.
 */
@Singleton
public class PromptClient extends BackendClient<PromptApi> {
    private final PromptCallSlots slots;

    public PromptClient(@RestClient PromptApi api, GatewayConfig config, MeterRegistry registry, PromptCallSlots slots) {
        super(api, "prompt-service", config.backends().promptTimeout(), true, registry);
        this.slots = slots;
    }

    public Enhancement enhance(String tenantId, EnhanceRequest body) {
        return call(tenantId, () -> api.enhance(caller(tenantId), body));
    }

    public LintReport lint(String tenantId, LintRequest body) {
        return call(tenantId, () -> api.lint(caller(tenantId), body));
    }

    public ModelCatalogue models(String tenantId) {
        return call(tenantId, () -> api.models(caller(tenantId)));
    }

    public Recommendation recommend(String tenantId, RecommendRequest body) {
        return call(tenantId, () -> api.recommend(caller(tenantId), body));
    }

    public Advice advice(String tenantId, AdviceRequest body) {
        return call(tenantId, () -> api.advice(caller(tenantId), body));
    }

    /** Every prompt-service call is read-only computation: scope jobs:read, which the gateway checked. */
    private static OnBehalfOf caller(String tenantId) {
        return new OnBehalfOf(tenantId, Scopes.JOBS_READ);
    }

    /**
     * On behalf of a tenant, within its share of the calls in progress ({@link PromptCallSlots}: refused before prompt-service
     * is asked): its failing calls count against its own circuit breaker only ({@link Backend}).
     */
    private <T> T call(String tenantId, Callable<T> call) {
        Runnable release = slots.take(tenantId);
        try {
            return backend.callIdempotent(tenantId, call);
        } finally {
            release.run();
        }
    }
}
