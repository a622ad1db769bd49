package io.realskin.gateway.jobs;

import io.realskin.contracts.JobTypes;
import io.realskin.contracts.billing.QuoteAnswer;
import io.realskin.gateway.backends.BillingClient;
import io.realskin.gateway.jobs.JobPlanner.Planned;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prices a submission the way submitting it would: the same checks (its images exist and fit, the model can do it),
 * the same price inputs, billing's price list and the tenant's plan. Holds nothing, writes nothing. Blocking.
 * A skin-inpaint is quoted at what its hold will be, the most its mask may paint ({@link JobPlanner.Planned#maskedFraction}),
 * and estimated when the least it may paint costs less: then the capture may be less than the quote.
 */
@ApplicationScoped
public class JobQuotes {
    private final JobPlanner planner;
    private final BillingClient billing;

    public JobQuotes(JobPlanner planner, BillingClient billing) {
        this.planner = planner;
        this.billing = billing;
    }

    public JobQuote quote(String tenantId, JobSubmission submission) {
        Planned plan = planner.price(tenantId, submission);
        List<JobQuote.Step> steps = new ArrayList<>();
        List<QuoteAnswer> answers = new ArrayList<>();
        QuoteAnswer job = billing.quote(tenantId, plan.operation(), plan.model(), plan.megapixels(), plan.maskedFraction());
        answers.add(job);
        steps.add(new JobQuote.Step("job", job.operation(), job.model(), job.tier(), plan.megapixels(), job.amount(),
                mayCostLess(tenantId, plan, job)));
        if (JobTypes.GENERATE.equals(submission.type()) && submission.texturePass() != null) {
            QuoteAnswer pass = billing.quote(tenantId, JobTypes.TEXTURE_RESTORE, null, plan.megapixels(), null);
            answers.add(pass);
            steps.add(new JobQuote.Step("texture-pass", pass.operation(), pass.model(), pass.tier(), plan.megapixels(), pass.amount(), true));
        }
        Optional<QuoteAnswer> refused = answers.stream().filter(a -> !Boolean.TRUE.equals(a.allowed())).findFirst();
        return new JobQuote(steps.stream().mapToLong(JobQuote.Step::credits).sum(), job.priceVersion(), refused.isEmpty(),
                refused.map(QuoteAnswer::reason).orElse(null), steps);
    }

    /** Whether the job may cost less than quoted: a mask whose least possible paint is priced lower. */
    private boolean mayCostLess(String tenantId, Planned plan, QuoteAnswer quoted) {
        if (plan.mask() == null || plan.mask().least() >= plan.mask().most()) {
            return false;
        }
        return billing.quote(tenantId, plan.operation(), plan.model(), plan.megapixels(), plan.mask().least()).amount() < quoted.amount();
    }
}
