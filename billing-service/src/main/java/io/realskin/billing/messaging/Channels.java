package io.realskin.billing.messaging;

/** Reactive Messaging channel names; their topics are set in application.properties. */
public final class Channels {
    /** job.events, read in batches. */
    public static final String JOB_EVENTS = "job-events";
    /** job.events.dlq */
    public static final String JOB_EVENTS_DLQ = "job-events-dlq";
    /** billing.events, written by the outbox relay only. */
    public static final String BILLING_EVENTS = "billing-events";

    private Channels() {
    }
}
