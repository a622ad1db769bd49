package io.realskin.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * prompt-service, proxied. Its answers, including its 4xx problems (whose types are prompt-service's own), are passed
 * on as they are; a 5xx, a refused connection or a timeout is the caller's 503. Every call is pure computation at
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

    public Relayed enhance(JsonNode body) {
        return relay(() -> api.enhance(body));
    }

    public Relayed lint(JsonNode body) {
        return relay(() -> api.lint(body));
    }

    public Relayed models() {
        return relay(api::models);
    }

    public Relayed recommend(JsonNode body) {
        return relay(() -> api.recommend(body));
    }

    public Relayed advice(JsonNode body) {
        return relay(() -> api.advice(body));
    }

    private Relayed relay(Supplier<Response> call) {
        return backend.callIdempotent(() -> {
            try (Response response = call.get()) {
                if (response.getStatus() >= 500) {
                    throw new BackendFailure("prompt-service answered " + response.getStatus());
                }
                String type = response.getMediaType() == null ? "application/json" : response.getMediaType().toString();
                return new Relayed(response.getStatus(), type, response.hasEntity() ? response.readEntity(String.class) : "");
            }
        });
    }
}
