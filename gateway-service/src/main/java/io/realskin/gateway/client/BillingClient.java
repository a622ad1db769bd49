package io.realskin.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.gateway.rest.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Credit holds at billing-service. 402 and 403 are answers (not enough credits, plan excludes it), mapped to the
 * gateway's problems; an unreachable billing is a 503 for the caller, never a job without a hold.
 */
@ApplicationScoped
public class BillingClient {
    private static final Logger LOG = Logger.getLogger(BillingClient.class);

    public record Hold(String holdId, long amount) {
    }

    private final BillingApi api;

    public BillingClient(@RestClient BillingApi api) {
        this.api = api;
    }

    /** Blocking: call from a worker thread. */
    public Hold hold(String tenantId, String jobId, String operation, String model, double megapixels, Double maskedFraction) {
        BillingApi.HoldRequest request = new BillingApi.HoldRequest(tenantId, jobId,
                new BillingApi.Quote(operation, model, megapixels, maskedFraction));
        try (Response response = api.hold(request)) {
            int status = response.getStatus();
            if (status == 200 || status == 201) {
                JsonNode body = response.readEntity(JsonNode.class);
                return new Hold(body.path("holdId").asText(null), body.path("amount").asLong());
            }
            JsonNode problem = readQuietly(response);
            if (status == 402) {
                throw Problems.insufficientCredits(problem.path("shortfall").asLong());
            }
            if (status == 403) {
                throw Problems.planExcludes(problem.path("detail").asText("your plan does not include this"));
            }
            LOG.warnf("billing answered %d to a hold for job %s", status, jobId);
            throw Problems.unavailable("billing");
        } catch (ProcessingException e) {
            LOG.warnf("billing unreachable for a hold of job %s: %s", jobId, e.getMessage());
            throw Problems.unavailable("billing");
        }
    }

    /** Opens (or re-plans) the tenant's account; billing grants the plan's monthly credits. Blocking. */
    public void putAccount(String tenantId, String plan) {
        try (Response response = api.putAccount(tenantId, new BillingApi.AccountRequest(plan))) {
            if (response.getStatus() >= 300) {
                LOG.warnf("billing answered %d to opening the account of %s", response.getStatus(), tenantId);
                throw Problems.unavailable("billing");
            }
        } catch (ProcessingException e) {
            throw Problems.unavailable("billing");
        }
    }

    /** Best effort: a hold that is not released here is released by billing when its TTL ends. */
    public void release(String jobId) {
        try (Response response = api.release(jobId)) {
            if (response.getStatus() >= 300 && response.getStatus() != 404) {
                LOG.warnf("billing answered %d to releasing the hold of job %s", response.getStatus(), jobId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not release the hold of job %s now (its TTL will): %s", jobId, e.getMessage());
        }
    }

    private static JsonNode readQuietly(Response response) {
        try {
            return response.readEntity(JsonNode.class);
        } catch (RuntimeException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
