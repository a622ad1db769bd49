package io.realskin.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * billing-service. Its 4xx problems are answers, passed on as {@link BackendProblems} rebuilds them (402 not enough
 * credits, 403 plan excludes it, 400 billing refusing the input); 404 to a hold or a balance is "no account"; an unreachable
 * billing is a 503 for the caller, never a job without a hold. Every call names the tenant it is for: its failures
 * count against that tenant's circuit breaker ({@link Backend}). All methods block: call them from worker threads.
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
        return backend.callIdempotent(tenantId, () -> {
            try (Response response = api.hold(new OnBehalfOf(tenantId, Scopes.JOBS_WRITE), request)) {
                int status = response.getStatus();
                if (status == 200 || status == 201) {
                    JsonNode body = readQuietly(response);
                    return new Hold(body.path("holdId").asText(null), body.path("amount").asLong());
                }
                if (status == 404) {
                    throw Problems.noAccount();
                }
                if (status == 400 || status == 402 || status == 403) {
                    throw problemOf(response);
                }
                throw new BackendFailure("billing answered " + status + " to a hold for job " + jobId);
            }
        });
    }

    /**
     * Opens (or re-plans) the tenant's account, an admin operation; billing grants the plan's monthly credits. PUT: safe
     * to retry.
     */
    public void putAccount(String tenantId, String plan) {
        backend.callIdempotent(tenantId, () -> {
            try (Response response = api.putAccount(admin(tenantId), tenantId, new BillingApi.AccountRequest(plan))) {
                if (response.getStatus() == 400) {
                    throw problemOf(response);
                }
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
    public void release(String tenantId, String jobId) {
        try {
            backend.callIdempotent(tenantId, () -> {
                try (Response response = api.release(new OnBehalfOf(tenantId, Scopes.JOBS_WRITE), jobId)) {
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
    public java.util.Optional<String> holdState(String tenantId, String jobId) {
        return backend.callIdempotent(tenantId, () -> {
            try (Response response = api.holdState(new OnBehalfOf(tenantId, Scopes.JOBS_READ), jobId)) {
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
        return backend.callIdempotent(tenantId, () -> relay(api.balance(new OnBehalfOf(tenantId, Scopes.BILLING_READ), tenantId)));
    }

    public Relayed ledger(String tenantId, String jobId, String kind, String cursor, Integer limit) {
        return backend.callIdempotent(tenantId, () -> relay(api.ledger(new OnBehalfOf(tenantId, Scopes.BILLING_READ), tenantId, jobId, kind,
                cursor, limit)));
    }

    /** Admin: free credits; billing books one entry per idempotency key, so the call is safe to retry. */
    public Relayed grant(String tenantId, long amount, String idempotencyKey, String reason) {
        BillingApi.CreditRequest request = new BillingApi.CreditRequest(amount, idempotencyKey, reason);
        return backend.callIdempotent(tenantId, () -> passOn(api.grant(admin(tenantId), tenantId, request)));
    }

    /** Admin: a signed correction, once per idempotency key. */
    public Relayed adjust(String tenantId, long amount, String idempotencyKey, String reason) {
        BillingApi.CreditRequest request = new BillingApi.CreditRequest(amount, idempotencyKey, reason);
        return backend.callIdempotent(tenantId, () -> passOn(api.adjust(admin(tenantId), tenantId, request)));
    }

    /** Admin: gives back a job's capture (all of it when {@code amount} is null); billing refunds a job once. */
    public Relayed refund(String tenantId, String jobId, Long amount, String reason) {
        BillingApi.RefundRequest request = new BillingApi.RefundRequest(jobId, amount, reason);
        return backend.callIdempotent(tenantId, () -> passOn(api.refund(admin(tenantId), tenantId, request)));
    }

    private static OnBehalfOf admin(String tenantId) {
        return new OnBehalfOf(tenantId, Scopes.ADMIN);
    }

    /** Billing's answer as it is, its 4xx problems as {@link BackendProblems} rebuilds them; a 5xx is the caller's 503. */
    private static Relayed passOn(Response response) {
        try (response) {
            if (response.getStatus() >= 500) {
                throw new BackendFailure("billing answered " + response.getStatus());
            }
            if (response.getStatus() >= 400) {
                throw problemOf(response);
            }
            String type = response.getMediaType() == null ? "application/json" : response.getMediaType().toString();
            return new Relayed(response.getStatus(), type, response.readEntity(String.class));
        }
    }

    /** Billing's answer about the tenant's own account; 404 is "no account". */
    private static Relayed relay(Response response) {
        if (response.getStatus() == 404) {
            response.close();
            throw Problems.noAccount();
        }
        return passOn(response);
    }

    private static ProblemException problemOf(Response response) {
        return BackendProblems.passOn("billing", response.getStatus(), response.readEntity(String.class));
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
