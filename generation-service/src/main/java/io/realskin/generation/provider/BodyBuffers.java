package io.realskin.generation.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * Arrays for provider answers' bodies, given back once the answer has been read and kept for the next answers: an
 * image answer is megabytes, and a new array for each one is what a burst of answers fills the young generation with
 * (and what a young collection during the burst has to copy, the answers still in flight). A kept array lives in the
 * old generation and is never copied again.
 * <p>
 * Bounded: at most {@code maxKept} arrays (the provider's bulkhead: no more answers are read at once) and
 * {@code maxKeptBytes} in all are kept; an array smaller than {@link #MIN_KEPT} is never kept (small answers cost
 * nothing to allocate). {@link #take} never waits: with none kept that is large enough it allocates, so an array
 * that is not given back (an exchange abandoned at its timeout) is only garbage, never a leak.
 */
final class BodyBuffers {
    /** Smaller arrays (polls, errors, small answers) are allocated as needed and never kept. */
    static final int MIN_KEPT = 256 * 1024;
    /** Kept arrays are sized in these steps, so answers of about the same size share them. */
    private static final int STEP = 64 * 1024;

    private final int maxKept;
    private final long maxKeptBytes;
    private final List<byte[]> kept = new ArrayList<>();
    private long keptBytes;

    BodyBuffers(int maxKept, long maxKeptBytes) {
        if (maxKept < 0 || maxKeptBytes < 0) {
            throw new IllegalArgumentException("negative bounds " + maxKept + ", " + maxKeptBytes);
        }
        this.maxKept = maxKept;
        this.maxKeptBytes = maxKeptBytes;
    }

    /** For one provider: as many arrays as its bulkhead lets answers in, in all at most a 24th of the heap. */
    static BodyBuffers forConcurrency(int concurrency) {
        return new BodyBuffers(concurrency, Runtime.getRuntime().maxMemory() / 24);
    }

    /** An array of at least {@code size} bytes: the smallest kept one that is large enough, or a new one. */
    synchronized byte[] take(int size) {
        int best = -1;
        for (int i = 0; i < kept.size(); i++) {
            int length = kept.get(i).length;
            if (length >= size && (best < 0 || length < kept.get(best).length)) {
                best = i;
            }
        }
        if (best >= 0) {
            byte[] array = kept.remove(best);
            keptBytes -= array.length;
            return array;
        }
        if (size < MIN_KEPT) {
            return new byte[size];
        }
        long stepped = ((long) size + STEP - 1) / STEP * STEP;
        return new byte[(int) Math.min(stepped, Integer.MAX_VALUE - 8)];
    }

    /**
     * Gives an array back; it must not be used after this. Kept when within the bounds, in place of the smallest kept
     * array when that is smaller; otherwise dropped. Giving back null, a small array or one already kept does nothing.
     */
    synchronized void give(byte[] array) {
        if (array == null || array.length < MIN_KEPT || array.length > maxKeptBytes || maxKept == 0) {
            return;
        }
        int smallest = -1;
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i) == array) {
                return;
            }
            if (smallest < 0 || kept.get(i).length < kept.get(smallest).length) {
                smallest = i;
            }
        }
        if (kept.size() >= maxKept || keptBytes + array.length > maxKeptBytes) {
            if (smallest < 0 || kept.get(smallest).length >= array.length
                    || keptBytes - kept.get(smallest).length + array.length > maxKeptBytes) {
                return;
            }
            keptBytes -= kept.remove(smallest).length;
        }
        kept.add(array);
        keptBytes += array.length;
    }

    /** How many arrays are kept now. */
    synchronized int kept() {
        return kept.size();
    }

    /** Their bytes in all. */
    synchronized long keptBytes() {
        return keptBytes;
    }
}
