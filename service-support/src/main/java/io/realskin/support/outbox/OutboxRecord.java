package io.realskin.support.outbox;

/**
 * One record of a service's outbox: where it goes, its key and value, and the trace of the request that wrote it
 * (null outside a trace). {@code id} orders the outbox; it is 0 for a record not yet written.
 */
public record OutboxRecord(long id, String topic, String key, String value, String traceparent) {
    /** A record to write; {@link Outbox#insertAll} stamps it with the writer's trace. */
    public static OutboxRecord of(String topic, String key, String value) {
        return new OutboxRecord(0, topic, key, value, null);
    }
}
