package io.realskin.prompt.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.prompt.Change;
import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.LintReport;
import jakarta.inject.Singleton;

/**
 * What users send and what the rules do about it: which rules fire most (a candidate list for the next
 * vocabulary version) and how much risk enhancement removes. Tags are rule ids from the vocabulary, a
 * bounded set; prompt text is never recorded.
 */
@Singleton
public class PromptMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary riskBefore;
    private final DistributionSummary riskAfter;

    public PromptMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.riskBefore = DistributionSummary.builder("realskin.prompt.risk").tag("stage", "before")
                .description("Plastic-skin risk of prompts as sent (0-100)").register(registry);
        this.riskAfter = DistributionSummary.builder("realskin.prompt.risk").tag("stage", "after")
                .description("Plastic-skin risk of enhanced prompts (0-100)").register(registry);
    }

    public void enhanced(Enhancement e) {
        riskBefore.record(e.riskBefore());
        riskAfter.record(e.riskAfter());
        for (Change change : e.changes()) {
            ruleCounter(change.rule(), change.kind().wire()).increment();
        }
        if (!e.personDetected()) {
            registry.counter("realskin.prompt.no.person").increment();
        }
    }

    public void linted(LintReport report) {
        riskBefore.record(report.risk());
        report.findings().forEach(f -> ruleCounter(f.rule(), "linted").increment());
    }

    private Counter ruleCounter(String rule, String kind) {
        return Counter.builder("realskin.prompt.rule.hits").tag("rule", rule).tag("kind", kind)
                .description("Vocabulary rules and additions applied or reported").register(registry);
    }
}
