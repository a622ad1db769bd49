package io.realskin.generation.provider;

import io.realskin.contracts.GenerationRequest;
import io.realskin.generation.resilience.Pauser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the contract tests share: calls, contexts, a pauser that records instead of waiting, an in-memory journal. */
public final class ContractCalls {
    private ContractCalls() {
    }

    /** Records the waits asked for, without spending them: retry and poll tests check what was asked. */
    public static final class RecordingPauser implements Pauser {
        public final List<Duration> pauses = new CopyOnWriteArrayList<>();

        @Override
        public void pause(Duration duration) {
            pauses.add(duration);
        }
    }

    public static final class MemoryJournal implements TaskJournal {
        public final List<KeptTask> kept = new ArrayList<>();

        @Override
        public Optional<KeptTask> latest() {
            return kept.isEmpty() ? Optional.empty() : Optional.of(kept.get(kept.size() - 1));
        }

        @Override
        public int submitted() {
            return (int) kept.stream().filter(task -> task.id() != null).count();
        }

        @Override
        public void keep(KeptTask task) {
            kept.add(task);
        }
    }

    public static final class Stages implements ProgressListener {
        public final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void stage(String stage, int percent) {
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(stage)) {
                seen.add(stage);
            }
        }
    }

    public static CallContext context() {
        return context(Duration.ofSeconds(30), TaskJournal.NONE, ProgressListener.NONE);
    }

    public static CallContext context(Duration budget, TaskJournal journal, ProgressListener progress) {
        return new CallContext(System.nanoTime() + budget.toNanos(), progress, journal);
    }

    public static ProviderCall generate(String model, int width, int height) {
        return new ProviderCall(model, "Portrait of a 40-year-old man, window light, visible pores", width, height, List.of(), null, null,
                GenerationRequest.JPEG);
    }

    public static ProviderCall withReferences(String model, int width, int height, List<ProviderCall.Reference> refs) {
        return new ProviderCall(model, "Portrait of a woman in a kitchen, unretouched", width, height, refs, null, 7L,
                GenerationRequest.PNG);
    }

    /** Fast settings for a stub: short backoff, a few seconds per exchange. */
    public static ProviderSettings settings(String name, String key, String baseUrl) {
        return ProviderSettings.defaults(name, key, baseUrl)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60))
                .withRetries(4, Duration.ofMillis(100), Duration.ofSeconds(2))
                .withPolling(Duration.ofMillis(20), Duration.ofMillis(50), List.of());
    }
}
