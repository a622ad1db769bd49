package io.realskin.texture.service;

import io.realskin.support.fair.TenantTurns;
import io.realskin.texture.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Where this process's texture jobs wait and run (docs/operations.md, "The texture workers"): {@code threads} jobs
 * run at once (default one per core), each using its share of the cores ({@link #threadsPerJob()}) for the engine's
 * parallel steps, and up to {@code max-held-requests} records are held, queued or running. Queued jobs start by tenant
 * in turn ({@link TenantTurns}), so one tenant's burst delays another tenant's job by one turn, not by the whole
 * burst. The consumer reserves a place ({@link #reserve()}) before it takes each record; it gets none while the oldest
 * queued job has waited longer than {@code max-queue-wait}: the queue then drains before it grows again, so every
 * record starts within max-queue-wait + max-held-requests x the longest job / threads, however the turns fall.
 */
@ApplicationScoped
public class TextureWorkerPool {
    private static final Logger LOG = Logger.getLogger(TextureWorkerPool.class);

    /** A job waiting for a thread; {@code origin}: the record's partition, {@code since}: when it was queued. */
    private record Queued(Object origin, Runnable job, long since) {
    }

    private final int size;
    private final int maxHeld;
    private final long maxQueueWaitNanos;
    private final LongSupplier clock;
    private final ExecutorService executor;
    private final TenantTurns<Queued> queued = new TenantTurns<>();
    private final Deque<CompletableFuture<Void>> admissions = new ArrayDeque<>();
    private int held;
    private int running;
    private boolean draining;

    @Inject
    public TextureWorkerPool(WorkerConfig config) {
        this(config, System::nanoTime);
    }

    TextureWorkerPool(WorkerConfig config, LongSupplier clock) {
        this.size = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
        if (config.maxHeldRequests() < size) {
            throw new IllegalArgumentException("realskin.texture.worker.max-held-requests (" + config.maxHeldRequests()
                    + ") must be at least the worker threads (" + size + ")");
        }
        this.maxHeld = config.maxHeldRequests();
        this.maxQueueWaitNanos = config.maxQueueWait().toNanos();
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(size, threads());
    }

    public int size() {
        return size;
    }

    /** The cores each job may use: this process's cores shared among the pool's slots (at least one). */
    public int threadsPerJob() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / size);
    }

    /** Jobs running now. */
    public synchronized int inFlight() {
        return running;
    }

    /** Jobs held and waiting for a thread. */
    public synchronized int queued() {
        return queued.size();
    }

    synchronized boolean draining() {
        return draining;
    }

    /**
     * Completes once this process may hold one more record: fewer than max-held-requests held, none queued for longer
     * than max-queue-wait. Never completes while the pool drains for shutdown.
     */
    public synchronized CompletionStage<Void> reserve() {
        if (admits()) {
            held++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> admission = new CompletableFuture<>();
        admissions.add(admission);
        return admission;
    }

    /**
     * Queues a job on the place {@link #reserve() reserved} for it; it starts now when a thread is free, else in its
     * tenant's turn. {@code origin} names where its record came from, for {@link #dropQueued}.
     */
    public void submit(String tenant, Object origin, Runnable job) {
        Runnable start;
        synchronized (this) {
            queued.add(tenant, new Queued(origin, job, clock.getAsLong()));
            start = startNext();
        }
        if (start != null) {
            executor.execute(start);
        }
    }

    /**
     * Removes the queued jobs of these origins (partitions this process no longer reads: their new owner gets the
     * records again, never acknowledged here); their places are free once the next job ends, which comes, since jobs
     * only queue while every thread is busy. Returns how many.
     */
    public synchronized int dropQueued(Collection<?> origins) {
        int dropped = queued.removeIf(q -> origins.contains(q.origin())).size();
        held -= dropped;
        return dropped;
    }

    private boolean admits() {
        if (draining || held >= maxHeld) {
            return false;
        }
        long now = clock.getAsLong();
        return queued.oldestOfEachTenant().noneMatch(q -> now - q.since() > maxQueueWaitNanos);
    }

    /** The job whose turn it is, wrapped to free its thread and place, when a thread is free; else null. */
    private Runnable startNext() {
        if (draining || running >= size || queued.isEmpty()) {
            return null;
        }
        Runnable job = queued.poll().job();
        running++;
        return () -> {
            try {
                job.run();
            } catch (Throwable e) {
                LOG.error("texture job escaped its handler", e);
            } finally {
                ended();
            }
        };
    }

    private void ended() {
        Runnable start;
        List<CompletableFuture<Void>> admitted = new ArrayList<>();
        synchronized (this) {
            running--;
            held--;
            start = startNext();
            while (!admissions.isEmpty() && admits()) {
                held++;
                admitted.add(admissions.poll());
            }
            notifyAll();
        }
        if (start != null) {
            executor.execute(start);
        }
        admitted.forEach(admission -> admission.complete(null));
    }

    /**
     * Starts no more jobs and waits for the running ones. Queued records were never acknowledged, so the consumer group
     * redelivers them; jobs still running after the timeout are redelivered too.
     *
     * @return true when every running job finished
     */
    public boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            draining = true;
            try {
                while (running > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warnf("shutdown: %d texture jobs still running after %s; they will be redelivered", running, timeout);
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        executor.shutdown();
        return true;
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "texture-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
