package io.realskin.gateway.jobs;

/** The life of a job, as the API shows it. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    public static JobStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
