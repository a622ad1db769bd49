package io.realskin.support.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.Topics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * A worker's reading of job.events for cancels: a CANCELED (checked against the topic's schema) goes into
 * {@link RecentCancels}; the other events are passed over; a record that is not a job event, or a CANCELED that breaks
 * the schema, is counted ({@code realskin_cancels_skipped_total}) and skipped, never thrown, so nothing stops the
 * consumer. A bean only in the services built with {@code realskin.cancels.enabled=true} (the workers), whose
 * application.properties configure its channel {@link #CHANNEL}: job.events in a consumer group of its own per process,
 * since any process may hold the canceled job (docs/architecture.md).
 */
@IfBuildProperty(name = "realskin.cancels.enabled", stringValue = "true")
@Singleton
public class JobCancels {
    public static final String CHANNEL = "job-cancels";
    private static final Logger LOG = Logger.getLogger(JobCancels.class);

    private final RecentCancels recent;
    private final Runnable skipped;

    @Inject
    public JobCancels(CancelsConfig config, MeterRegistry registry) {
        this(config, Counter.builder("realskin.cancels.skipped").description("job.events records the cancel reader skipped as malformed")
                .register(registry)::increment);
    }

    /** {@code skipped} hears each malformed record. */
    JobCancels(CancelsConfig config, Runnable skipped) {
        this.recent = new RecentCancels(config.maxEntries(), config.maxAge());
        this.skipped = skipped;
    }

    /** One job.events record value. */
    @Incoming(CHANNEL)
    public void consume(String value) {
        EventEnvelope cancel;
        try {
            if (!EventTypes.CANCELED.equals(EventJson.readEnvelope(value).type())) {
                return;
            }
            cancel = ContractSchemas.readValid(Topics.JOB_EVENTS, value, JobFailed.class);
        } catch (RuntimeException e) {
            skipped.run();
            LOG.warnf("a job.events record skipped by the cancel reader: %s", e.getMessage());
            return;
        }
        recent.add(cancel.tenantId(), cancel.jobId());
    }

    /** True when a CANCELED of this job arrived lately. */
    public boolean isCanceled(String tenantId, String jobId) {
        return recent.contains(tenantId, jobId);
    }
}
