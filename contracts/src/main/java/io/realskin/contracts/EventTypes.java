package io.realskin.contracts;

import java.util.Set;

/** The {@code type} of an envelope, per topic. */
public final class EventTypes {
    /** texture.requests */
    public static final String TEXTURE_REQUESTED = "TEXTURE_REQUESTED";
    /** generation.requests */
    public static final String GENERATION_REQUESTED = "GENERATION_REQUESTED";

    /** job.events */
    public static final String STARTED = "STARTED";
    public static final String PROGRESS = "PROGRESS";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    /** job.events, produced by the gateway when a user cancels a job that had not finished. */
    public static final String CANCELED = "CANCELED";

    /** billing.events */
    public static final String DEBITED = "DEBITED";
    public static final String RELEASED = "RELEASED";
    public static final String LOW_BALANCE = "LOW_BALANCE";
    public static final String GRANTED = "GRANTED";

    public static final Set<String> TERMINAL_JOB_EVENTS = Set.of(COMPLETED, FAILED, CANCELED);

    private EventTypes() {
    }
}
