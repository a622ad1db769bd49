package io.realskin.texture.messaging;

import io.realskin.contracts.TextureRequest;
import io.realskin.texture.service.EngineTextureProcessor;
import io.realskin.texture.service.TextureProcessor;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine, counted, for every test of this module: a test sees whether a job ran the engine, and in which order jobs
 * started it ({@link #STARTED}, their input images' keys). A test may also hold a job's run just after its first stage
 * started ({@link #holdAfterFirstStage}) or once the engine made its result ({@link #holdAfterRun}), to act while the job runs.
 */
@Alternative
@Priority(1)
@Singleton
public class CountingProcessor implements TextureProcessor {
    static final AtomicInteger RUNS = new AtomicInteger();
    static final List<String> STARTED = new CopyOnWriteArrayList<>();
    private static final Map<String, Hold> HOLDS = new ConcurrentHashMap<>();

    private final EngineTextureProcessor engine;

    public CountingProcessor(EngineTextureProcessor engine) {
        this.engine = engine;
    }

    @Override
    public TextureResult process(String tenantId, TextureRequest request, TextureInputs inputs, ProgressSink progress) {
        RUNS.incrementAndGet();
        STARTED.add(request.imageKey());
        Hold hold = HOLDS.remove(request.imageKey());
        if (hold != null && hold.afterRun) {
            TextureResult result = engine.process(tenantId, request, inputs, progress);
            hold.pause();
            return result;
        }
        return engine.process(tenantId, request, inputs, hold == null ? progress : (stage, percent) -> {
            progress.stage(stage, percent);
            hold.pause();
        });
    }

    /** Holds the run of the job of this input image once the engine has made its result, until {@link Hold#open}. */
    static Hold holdAfterRun(String imageKey) {
        Hold hold = new Hold(true);
        HOLDS.put(imageKey, hold);
        return hold;
    }

    /** Holds the run of the job of this input image after its first stage has started, until {@link Hold#open}. */
    static Hold holdAfterFirstStage(String imageKey) {
        Hold hold = new Hold(false);
        HOLDS.put(imageKey, hold);
        return hold;
    }

    static final class Hold {
        private final boolean afterRun;
        final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        private Hold(boolean afterRun) {
            this.afterRun = afterRun;
        }

        private void pause() {
            if (reached.getCount() == 0) return;
            reached.countDown();
            try {
                open.await(4, TimeUnit.MINUTES); // bounded: a failed test does not keep a worker thread forever
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void open() {
            open.countDown();
        }
    }
}
