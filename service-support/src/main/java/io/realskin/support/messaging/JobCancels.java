package io.realskin.support.messaging;

import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.Topics;
import org.jboss.logging.Logger;

/**
 * A worker's reading of job.events for cancels: a CANCELED (checked against the topic's schema) goes into
 * {@link RecentCancels}; the other events are passed over; a record that is not a job event, or a CANCELED that breaks
 * the schema, is counted and skipped, never thrown, so nothing stops the consumer. Each worker service subclasses it
 * as a bean whose {@code @Incoming} method on {@link #CHANNEL} calls {@link #accept}: that channel reads job.events in
 * a consumer group of its own per process, since any process may hold the canceled job (docs/architecture.md).
 */
public abstract class JobCancels {
    public static final String CHANNEL = "job-cancels";
    private static final Logger LOG = Logger.getLogger(JobCancels.class);

    private final RecentCancels recent;
    private final Runnable skipped;

    /** {@code skipped} hears each malformed record (for the worker's metric). */
    protected JobCancels(CancelsConfig config, Runnable skipped) {
        this.recent = new RecentCancels(config.maxEntries(), config.maxAge());
        this.skipped = skipped;
    }

    /** One job.events record value. */
    protected void accept(String value) {
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
