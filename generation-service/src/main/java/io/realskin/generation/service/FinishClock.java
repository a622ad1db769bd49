package io.realskin.generation.service;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A job's own time, from its provider's answer received to COMPLETED acknowledged by Kafka, cut into the steps it
 * took ({@link GenerationMetrics}): each {@link #lap} ends a step where the previous one (or the answer) ended.
 */
final class FinishClock {
    /** The image taken out of the answer (JSON parsed, base64 decoded; for BFL the downloaded sample as it is). */
    static final String READ = "read";
    /** The answer's header, limits and a decode of all its data ({@code generate}). */
    static final String CHECK = "check";
    /** The answer's header and limits, decoded and composited into the original, encoded as PNG ({@code skin-inpaint}). */
    static final String COMPOSITE = "composite";
    /** The result image written to the blob store. */
    static final String STORE = "store";
    /** The terminal event journaled beside it (written, and read back: the first stored wins). */
    static final String JOURNAL = "journal";
    /** COMPLETED sent to job.events and acknowledged. */
    static final String PUBLISH = "publish";

    private final LongSupplier nanoTime;
    private final long start;
    private long last;
    private final Map<String, Long> laps = new LinkedHashMap<>();

    FinishClock(long receivedAt) {
        this(receivedAt, System::nanoTime);
    }

    FinishClock(long receivedAt, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.start = receivedAt;
        this.last = receivedAt;
    }

    /** Ends {@code step}: the time since the previous lap, or since the answer arrived, is its. */
    void lap(String step) {
        long now = nanoTime.getAsLong();
        laps.merge(step, now - last, Long::sum);
        last = now;
    }

    /** From the answer received to the last lap. */
    Duration total() {
        return Duration.ofNanos(last - start);
    }

    /** The steps in the order they first ended. */
    Map<String, Duration> steps() {
        Map<String, Duration> steps = new LinkedHashMap<>();
        laps.forEach((step, nanos) -> steps.put(step, Duration.ofNanos(nanos)));
        return Collections.unmodifiableMap(steps);
    }
}
