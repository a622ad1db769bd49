package io.realskin.texture.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs the texture engine's own data-parallel loops (the Java-side ones of the engine and the JPEG codec; OpenCV
 * parallelises its calls itself) on at most the number of threads a job is given: the caller works too, helpers
 * come from a shared pool of daemon threads.
 */
public final class Parallel {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(new ThreadFactory() {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "texture-engine-" + NAMES.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    private Parallel() {
    }

    /**
     * Runs {@code task} on a helper thread; the caller joins the result when it needs it.
     *
     * <p>The code a process runs before its face models start loading, and the loading itself, use classes instead of
     * lambdas and method references (this pool's thread factory, the engine's and the CLI's suppliers, the models'
     * loaders): the first lambda a JVM links sets up java.lang.invoke, about 10 ms, which then happens on another
     * thread while the models load.
     */
    public static <T> CompletableFuture<T> async(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, HELPERS);
    }

    /** The result of {@link #async}, waiting for it; a failure is rethrown as it was thrown. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    /** The threads a job may use: {@code requested}, or every available core when it is 0 or less. */
    public static int threads(int requested) {
        return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    }

    /** Calls {@code body} once for each of {@code 0 .. tasks-1}, on up to {@code threads} threads; rethrows. */
    public static void forEach(int tasks, int threads, IntConsumer body) {
        int helpers = Math.min(threads(threads), tasks) - 1;
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) body.accept(i);
        };
        List<Future<?>> running = new ArrayList<>();
        for (int h = 0; h < helpers; h++) running.add(HELPERS.submit(work));
        RuntimeException failure = null;
        try {
            work.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(tasks); // the helpers stop after their current task
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = new IllegalStateException("interrupted", e);
            }
        }
        if (failure != null) throw failure;
    }
}
