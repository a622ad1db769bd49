package io.realskin.generation.service;

import io.realskin.contracts.EventEnvelope;
import io.realskin.support.messaging.BlobStoreWait;

/**
 * One job's calls to the blob store, each waiting out an outage of the store ({@link BlobStoreWait}), and the time they
 * took: the first model's {@code job-timeout} does not count a wait for the store before its provider call.
 */
final class JobStoreCalls {
    private final BlobStoreWait store;
    private final EventEnvelope request;
    private volatile long nanos; // read by the job's CallContext (its deadline), written on the same thread

    JobStoreCalls(BlobStoreWait store, EventEnvelope request) {
        this.store = store;
        this.request = request;
    }

    /**
     * The call's answer once the store gives one.
     *
     * @throws BlobStoreWait.Canceled when the job is canceled while it waits
     */
    <T> T call(String what, BlobStoreWait.Call<T> call) {
        long start = System.nanoTime();
        try {
            return store.call(request, what, call);
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    /** Nanoseconds the calls so far took, waits included. */
    long nanos() {
        return nanos;
    }
}
