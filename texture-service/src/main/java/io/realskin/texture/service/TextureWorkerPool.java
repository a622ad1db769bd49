package io.realskin.texture.service;

import io.realskin.texture.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The bounded CPU pool of texture jobs: {@code threads} slots (default one per core), jobs finish in any order;
 * each job may use its share of the cores ({@link #threadsPerJob()}) for the engine's parallel steps.
 * A caller first reserves a slot ({@link #reserve()}, non-blocking) and only then takes its next record, so the
 * consumer never holds more records than it can work on.
 */
@ApplicationScoped
public class TextureWorkerPool {
    private static final Logger LOG = Logger.getLogger(TextureWorkerPool.class);

    private final int size;
    private final ExecutorService executor;
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private final AtomicInteger running = new AtomicInteger();
    private int free;
    private boolean draining;

    public TextureWorkerPool(WorkerConfig config) {
        this.size = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
        this.free = size;
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
    public int inFlight() {
        return running.get();
    }

    synchronized boolean draining() {
        return draining;
    }

    /** Completes once a slot is reserved for the caller; never completes while the pool drains for shutdown. */
    public synchronized CompletionStage<Void> reserve() {
        if (!draining && free > 0) {
            free--;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> slot = new CompletableFuture<>();
        waiting.add(slot);
        return slot;
    }

    /** Runs a job on the slot reserved for it; the slot is free again when the job ends. */
    public void submit(Runnable job) {
        running.incrementAndGet();
        executor.execute(() -> {
            try {
                job.run();
            } catch (Throwable e) {
                LOG.error("texture job escaped its handler", e);
            } finally {
                running.decrementAndGet();
                release();
            }
        });
    }

    private void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = draining ? null : waiting.poll();
            if (next == null) {
                free++;
                notifyAll();
                return;
            }
        }
        next.complete(null);
    }

    /**
     * Stops handing out slots and waits for the running jobs. Records not yet started were never acknowledged,
     * so the consumer group redelivers them; jobs still running after the timeout are redelivered too.
     *
     * @return true when every running job finished
     */
    public boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            draining = true;
            try {
                while (free < size) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warnf("shutdown: %d texture jobs still running after %s; they will be redelivered", size - free, timeout);
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
