package io.realskin.gateway.backends;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.billing.Balance;
import io.realskin.contracts.billing.CreditRequest;
import io.realskin.contracts.billing.HoldRequest;
import io.realskin.contracts.billing.LedgerEntry;
import io.realskin.contracts.billing.LedgerPage;
import io.realskin.contracts.billing.PlacedHold;
import io.realskin.contracts.billing.PlanRequest;
import io.realskin.contracts.billing.Quote;
import io.realskin.contracts.billing.QuoteAnswer;
import io.realskin.contracts.billing.QuoteRequest;
import io.realskin.contracts.billing.RefundRequest;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * billing-service, in its own records. Its 4xx problems are answers, passed on as {@link BackendProblem#toCaller} has
 * them (402 not enough credits, 403 plan excludes it, 400 billing refusing the input, 409 a conflicting booking); 404 to
 * a hold or a balance is "no account"; an unreachable billing is a 503 for the caller, never a job without a hold. Every
 * call names the tenant it is for: its failures count against that tenant's circuit breaker ({@link Backend}). All
 * methods block: call them from worker threads.
 */
@Singleton
public class BillingClient extends BackendClient<BillingApi> {
    private static final Logger LOG = Logger.getLogger(BillingClient.class);

    /** What billing answers a hold with: input it refuses, no credits, not in the plan, no account. */
    private static final Set<Integer> HOLD_ANSWERS = Set.of(400, 402, 403, 404);

    public BillingClient(@RestClient BillingApi api, GatewayConfig config, MeterRegistry registry) {
        super(api, "billing", config.backends().billingTimeout(), true, registry);
    }

    /**
     * Billing keeps one hold per job id, so retrying the POST is safe. When no attempt got an answer and one may have
     * reached billing (a timeout, a dropped connection, a 5xx), billing may have placed the hold, or place it yet from a
     * request still on its way: {@code ifUndecided} runs before the caller's 503 is thrown. Not when every attempt was
     * refused a connection or answered with a refusal (4xx, busy), or the breaker let none through.
     */
    public PlacedHold hold(String tenantId, String jobId, String operation, String model, double megapixels, Double maskedFraction,
                           Runnable ifUndecided) {
        HoldRequest request = new HoldRequest(tenantId, jobId, new Quote(operation, model, megapixels, maskedFraction));
        AtomicInteger undecided = new AtomicInteger();
        try {
            return ofAccount(tenantId, () -> {
                undecided.incrementAndGet();
                try {
                    return api.hold(new OnBehalfOf(tenantId, Scopes.JOBS_WRITE), request);
                } catch (BackendProblem e) {
                    undecided.decrementAndGet();
                    throw answerOr(e, HOLD_ANSWERS, "a hold for job " + jobId);
                } catch (BackendBusy e) {
                    undecided.decrementAndGet();
                    throw e;
                } catch (ProcessingException e) {
                    if (Backend.unreachableCause(e)) {
                        undecided.decrementAndGet();
                    }
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            if (undecided.get() > 0) {
                ifUndecided.run();
            }
            throw e;
        }
    }

    /**
     * Opens (or re-plans) the tenant's account, an admin operation; billing grants the plan's monthly credits. PUT: safe
     * to retry.
     */
    public void putAccount(String tenantId, String plan) {
        backend.callIdempotent(tenantId, () -> {
            try {
                api.putAccount(admin(tenantId), tenantId, new PlanRequest(plan));
                return null;
            } catch (BackendProblem e) {
                throw answerOr(e, Set.of(400), "opening the account of " + tenantId);
            }
        });
    }

    /**
     * Admin: closes the tenant's account when the tenant is erased; billing releases its holds and books nothing for it
     * any more, and a repeat is the same answer, so the call is safe to retry. A tenant without an account (404) has
     * nothing to close. Anything else (billing down, refusing) is thrown: the erasure tries again later.
     */
    public void closeAccount(String tenantId) {
        backend.callIdempotent(tenantId, () -> {
            try {
                api.closeAccount(admin(tenantId), tenantId);
            } catch (BackendProblem e) {
                if (e.status() != 404) {
                    throw new BackendFailure("billing answered " + e.status() + " to closing the account of " + tenantId);
                }
            }
            return null;
        });
    }

    /** What a release call came to. */
    public enum Release {
        /** Billing released the hold, or it had ended already (captured, released, expired): nothing is held. */
        RELEASED,
        /** Billing has no hold of the job. */
        NO_HOLD,
        /** No answer, or billing failing: the hold may still be held. */
        FAILED
    }

    /** Releases the hold of a job that was not created (DELETE /holds/{jobId}). */
    public Release release(String tenantId, String jobId) {
        try {
            return backend.callIdempotent(tenantId, () -> {
                try {
                    api.release(new OnBehalfOf(tenantId, Scopes.JOBS_WRITE), jobId);
                    return Release.RELEASED;
                } catch (BackendProblem e) {
                    LOG.debugf("billing answered %d to releasing job %s", e.status(), jobId);
                    return e.status() == 404 ? Release.NO_HOLD : Release.FAILED;
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not release the hold of job %s now: %s", jobId, e.getMessage());
            return Release.FAILED;
        }
    }

    /**
     * What the work would cost now, and whether the tenant's plan allows it (billing's reason when not). Pure
     * computation at billing: safe to retry. Billing's 400 (input it refuses) is the caller's.
     */
    public QuoteAnswer quote(String tenantId, String operation, String model, double megapixels, Double maskedFraction) {
        QuoteRequest request = new QuoteRequest(tenantId, operation, model, megapixels, maskedFraction);
        return backend.callIdempotent(tenantId, () -> {
            try {
                return api.quote(new OnBehalfOf(tenantId, Scopes.JOBS_READ), request);
            } catch (BackendProblem e) {
                throw answerOr(e, Set.of(400), "a quote");
            }
        });
    }

    /** The state of the job's hold (HELD, CAPTURED, RELEASED, EXPIRED); empty when billing has none. */
    public Optional<String> holdState(String tenantId, String jobId) {
        return backend.callIdempotent(tenantId, () -> {
            try {
                return Optional.ofNullable(api.holdState(new OnBehalfOf(tenantId, Scopes.JOBS_READ), jobId).status());
            } catch (BackendProblem e) {
                if (e.status() == 404) {
                    return Optional.<String>empty();
                }
                throw new BackendFailure("billing answered " + e.status() + " to the hold of job " + jobId);
            }
        });
    }

    public Balance balance(String tenantId) {
        return ofAccount(tenantId, () -> api.balance(new OnBehalfOf(tenantId, Scopes.BILLING_READ), tenantId));
    }

    public LedgerPage ledger(String tenantId, String jobId, String kind, String cursor, Integer limit) {
        return ofAccount(tenantId, () -> api.ledger(new OnBehalfOf(tenantId, Scopes.BILLING_READ), tenantId, jobId, kind, cursor, limit));
    }

    /**
     * Admin: free credits; billing books one entry per idempotency key, so the call is safe to retry. 201 new, 200 again.
     * {@code actor}: the admin key's id, which billing records with the entry.
     */
    public RestResponse<LedgerEntry> grant(String tenantId, long amount, String idempotencyKey, String reason, String actor) {
        CreditRequest request = new CreditRequest(amount, idempotencyKey, reason, actor);
        return backend.callIdempotent(tenantId, () -> api.grant(admin(tenantId), tenantId, request));
    }

    /** Admin: a signed correction, once per idempotency key. */
    public RestResponse<LedgerEntry> adjust(String tenantId, long amount, String idempotencyKey, String reason, String actor) {
        CreditRequest request = new CreditRequest(amount, idempotencyKey, reason, actor);
        return backend.callIdempotent(tenantId, () -> api.adjust(admin(tenantId), tenantId, request));
    }

    /** Admin: gives back a job's capture (all of it when {@code amount} is null); billing refunds a job once. */
    public RestResponse<LedgerEntry> refund(String tenantId, String jobId, Long amount, String reason, String actor) {
        RefundRequest request = new RefundRequest(jobId, amount, reason, actor);
        return backend.callIdempotent(tenantId, () -> api.refund(admin(tenantId), tenantId, request));
    }

    /**
     * {@code e} when its status is one billing means as an answer to this call; any other 4xx (billing refusing the
     * gateway's own service token, say) is billing failing, the caller's 503.
     */
    private static RuntimeException answerOr(BackendProblem e, Set<Integer> answers, String call) {
        return answers.contains(e.status()) ? e : new BackendFailure("billing answered " + e.status() + " to " + call);
    }

    private static OnBehalfOf admin(String tenantId) {
        return new OnBehalfOf(tenantId, Scopes.ADMIN);
    }

    /** A call about the tenant's own account: billing's 404 there means the tenant has none. */
    private <T> T ofAccount(String tenantId, Callable<T> call) {
        return backend.callIdempotent(tenantId, () -> {
            try {
                return call.call();
            } catch (BackendProblem e) {
                if (e.status() == 404) {
                    throw Problems.noAccount();
                }
                throw e;
            }
        });
    }
}
