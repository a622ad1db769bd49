package io.realskin.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.rest.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * billing-service. 402 and 403 to a hold are answers (not enough credits, plan excludes it), mapped to the gateway's
 * problems; 404 on a balance is "no account"; an unreachable billing is a 503 for the caller, never a job without a hold.
 * All methods block: call them from worker threads.
 */
@ApplicationScoped
public class BillingClient {
    private static final Logger LOG = Logger.getLogger(BillingClient.class);

    public record Hold(String holdId, long amount) {
    }

    private final BillingApi api;
    private final Backend backend;

    public BillingClient(@RestClient BillingApi api, GatewayConfig config, MeterRegistry registry) {
        this.api = api;
        this.backend = new Backend("billing", config.backends().billingTimeout(), registry);
    }

    /** Billing keeps one hold per job id, so retrying the POST is safe. */
    public Hold hold(String tenantId, String jobId, String operation, String model, double megapixels, Double maskedFraction) {
        BillingApi.HoldRequest request = new BillingApi.HoldRequest(tenantId, jobId,
                new BillingApi.Quote(operation, model, megapixels, maskedFraction));
        return backend.callIdempotent(() -> {
            try (Response response = api.hold(request)) {
                int status = response.getStatus();
                if (status == 200 || status == 201) {
                    JsonNode body = readQuietly(response);
                    return new Hold(body.path("holdId").asText(null), body.path("amount").asLong());
                }
                JsonNode problem = readQuietly(response);
                if (status == 402) {
                    throw Problems.insufficientCredits(problem.path("shortfall").asLong(),
                            problem.path("required").asLong(), problem.path("available").asLong());
                }
                if (status == 403) {
                    throw Problems.planExcludes(problem.path("detail").asText("your plan does not include this"));
                }
                if (status == 404) {
                    throw Problems.noAccount();
                }
                throw new BackendFailure("billing answered " + status + " to a hold for job " + jobId);
            }
        });
    }

    /** Opens (or re-plans) the tenant's account; billing grants the plan's monthly credits. PUT: safe to retry. */
    public void putAccount(String tenantId, String plan) {
        backend.callIdempotent(() -> {
            try (Response response = api.putAccount(tenantId, new BillingApi.AccountRequest(plan))) {
                if (response.getStatus() >= 300) {
                    throw new BackendFailure("billing answered " + response.getStatus() + " to opening the account of " + tenantId);
                }
                return null;
            }
        });
    }

    /**
     * Releases the hold of a job that was not created (DELETE /holds/{jobId}). Best effort: a hold not released here
     * is one billing's hold expiry releases; 404 means there is nothing to release.
     */
    public void release(String jobId) {
        try {
            backend.callIdempotent(() -> {
                try (Response response = api.release(jobId)) {
                    if (response.getStatus() >= 500) {
                        throw new BackendFailure("billing answered " + response.getStatus() + " to releasing job " + jobId);
                    }
                    return null;
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not release the hold of job %s now: %s", jobId, e.getMessage());
        }
    }

    /** The state of the job's hold (HELD, CAPTURED, RELEASED, EXPIRED); empty when billing has none. */
    public java.util.Optional<String> holdState(String jobId) {
        return backend.callIdempotent(() -> {
            try (Response response = api.holdState(jobId)) {
                if (response.getStatus() == 404) {
                    return java.util.Optional.<String>empty();
                }
                if (response.getStatus() != 200) {
                    throw new BackendFailure("billing answered " + response.getStatus() + " to the hold of job " + jobId);
                }
                return java.util.Optional.ofNullable(readQuietly(response).path("status").asText(null));
            }
        });
    }

    public Relayed balance(String tenantId) {
        return backend.callIdempotent(() -> relay(api.balance(tenantId)));
    }

    public Relayed ledger(String tenantId, String jobId, String kind, String cursor, Integer limit) {
        return backend.callIdempotent(() -> relay(api.ledger(tenantId, jobId, kind, cursor, limit)));
    }

    private static Relayed relay(Response response) {
        try (response) {
            if (response.getStatus() >= 500) {
                throw new BackendFailure("billing answered " + response.getStatus());
            }
            if (response.getStatus() == 404) {
                throw Problems.noAccount();
            }
            String type = response.getMediaType() == null ? "application/json" : response.getMediaType().toString();
            return new Relayed(response.getStatus(), type, response.readEntity(String.class));
        }
    }

    /** As text first: problem bodies come as application/problem+json, which has no JSON reader of its own. */
    private static JsonNode readQuietly(Response response) {
        try {
            return io.realskin.contracts.EventJson.MAPPER.readTree(response.readEntity(String.class));
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }
}
