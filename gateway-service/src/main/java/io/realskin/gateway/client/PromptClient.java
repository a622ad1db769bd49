package io.realskin.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.auth.Scopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * prompt-service, proxied. Its answers are passed on as they are, its 4xx problems (whose types are prompt-service's
 * own, or shared) as {@link BackendProblems} rebuilds them; a 5xx, a refused connection or a timeout is the caller's 503. Every call is pure computation at
 * prompt-service, so all are retried. Blocking.
 */
@ApplicationScoped
public class PromptClient {
    private final PromptApi api;
    private final Backend backend;

    public PromptClient(@RestClient PromptApi api, GatewayConfig config, MeterRegistry registry) {
        this.api = api;
        this.backend = new Backend("prompt-service", config.backends().promptTimeout(), registry);
    }

    public Relayed enhance(String tenantId, JsonNode body) {
        return relay(tenantId, () -> api.enhance(caller(tenantId), body));
    }

    public Relayed lint(String tenantId, JsonNode body) {
        return relay(tenantId, () -> api.lint(caller(tenantId), body));
    }

    public Relayed models(String tenantId) {
        return relay(tenantId, () -> api.models(caller(tenantId)));
    }

    public Relayed recommend(String tenantId, JsonNode body) {
        return relay(tenantId, () -> api.recommend(caller(tenantId), body));
    }

    public Relayed advice(String tenantId, JsonNode body) {
        return relay(tenantId, () -> api.advice(caller(tenantId), body));
    }

    /** Every prompt-service call is read-only computation: scope jobs:read, which the gateway checked. */
    private static OnBehalfOf caller(String tenantId) {
        return new OnBehalfOf(tenantId, Scopes.JOBS_READ);
    }

    /** On behalf of a tenant: its failing calls count against its own circuit breaker only ({@link Backend}). */
    private Relayed relay(String tenantId, Supplier<Response> call) {
        return backend.callIdempotent(tenantId, () -> {
            try (Response response = call.get()) {
                if (response.getStatus() >= 500) {
                    throw new BackendFailure("prompt-service answered " + response.getStatus());
                }
                String body = response.hasEntity() ? response.readEntity(String.class) : "";
                if (response.getStatus() >= 400) {
                    throw BackendProblems.passOn("prompt-service", response.getStatus(), body);
                }
                String type = response.getMediaType() == null ? "application/json" : response.getMediaType().toString();
                return new Relayed(response.getStatus(), type, body);
            }
        });
    }
}
