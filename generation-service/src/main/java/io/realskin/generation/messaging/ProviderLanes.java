package io.realskin.generation.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.ImageModels;
import io.realskin.generation.config.GenerationConfig;
import io.realskin.support.fair.TenantTurns;
import io.realskin.generation.service.Providers;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Where this process's generation jobs wait and run (docs/generation.md, "Lanes"): one lane per configured provider,
 * with twice its bulkhead's slots in threads (the others prepare or store while those call), and one lane of
 * {@value #OTHER_THREADS} for records of no configured provider (malformed, an unknown model, a provider without a
 * key: they fail at once). A job waits in its lane's queue holding its record and no thread, tenants served in turn:
 * one provider's burst fills its own lane, never the threads the other providers' jobs run on, and one tenant's burst
 * delays another tenant's job by at most one turn. At most {@code max-held-requests} records are held at once,
 * queued or running: the consumer takes its next record only once one is free ({@link #reserve()}).
 */
@Startup // its gauges exist before the first job (the dashboard reads them on a replica that has not worked yet)
@ApplicationScoped
public class ProviderLanes {
    public static final String OTHER = "other";
    static final int OTHER_THREADS = 4;
    private static final Logger LOG = Logger.getLogger(ProviderLanes.class);

    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Deque<CompletableFuture<Void>> admissions = new ArrayDeque<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "generation-job-" + threadNumber.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Duration drainTimeout;
    private int held;
    private final int maxHeld;
    private boolean draining;

    /** One lane's threads and its waiting jobs, tenants in turn. */
    private static final class Lane {
        final int threads;
        final TenantTurns<Runnable> waiting = new TenantTurns<>();
        int running;

        Lane(int threads) {
            this.threads = threads;
        }
    }

    @Inject
    public ProviderLanes(Providers providers, GenerationConfig config, MeterRegistry registry) {
        this(threadsByLane(providers), config.maxHeldRequests(), config.drainTimeout());
        lanes.keySet().forEach(name -> {
            Gauge.builder("realskin.generation.lane.queued", this, l -> l.queued(name)).tag("lane", name)
                    .description("Generation jobs waiting in this lane for a thread").register(registry);
            Gauge.builder("realskin.generation.lane.running", this, l -> l.running(name)).tag("lane", name)
                    .description("Generation jobs running in this lane").register(registry);
        });
    }

    ProviderLanes(Map<String, Integer> threadsByLane, int maxHeld, Duration drainTimeout) {
        if (maxHeld < 1) {
            throw new IllegalArgumentException("realskin.generation.max-held-requests must be at least 1, not " + maxHeld);
        }
        threadsByLane.forEach((name, threads) -> lanes.put(name, new Lane(threads)));
        lanes.putIfAbsent(OTHER, new Lane(OTHER_THREADS));
        this.maxHeld = maxHeld;
        this.drainTimeout = drainTimeout;
    }

    private static Map<String, Integer> threadsByLane(Providers providers) {
        Map<String, Integer> threads = new LinkedHashMap<>();
        providers.configured().forEach((name, p) -> threads.put(name, 2 * p.settings().concurrency()));
        return threads;
    }

    /** Completes once this process may hold one more record; never while it drains for shutdown. */
    public synchronized CompletionStage<Void> reserve() {
        if (!draining && held < maxHeld) {
            held++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> admission = new CompletableFuture<>();
        admissions.add(admission);
        return admission;
    }

    /** Where a generation.requests record waits: its lane, and the tenant whose turn it takes there. */
    public record Place(String lane, String tenant) {
    }

    /**
     * The place of a generation.requests record: its model's provider's lane when that is configured, else
     * {@link #OTHER}; its tenant, "" when it names none. Reads the record without judging it (the job does that, and
     * fails it with its code).
     */
    public Place placeOf(String value) {
        EventEnvelope envelope;
        try {
            envelope = EventJson.readEnvelope(value);
        } catch (RuntimeException e) {
            return new Place(OTHER, "");
        }
        String model = envelope.payload() == null ? null : envelope.payload().path("model").asText(null);
        String lane = ImageModels.find(model).map(ImageModels.Model::provider).filter(lanes::containsKey).orElse(OTHER);
        return new Place(lane, envelope.tenantId() == null ? "" : envelope.tenantId());
    }

    /** Runs {@code job} (which holds a {@link #reserve() reserved} place) in its lane, now or in its tenant's turn. */
    public void submit(Place place, Runnable job) {
        Runnable start;
        synchronized (this) {
            Lane l = lanes.getOrDefault(place.lane(), lanes.get(OTHER));
            l.waiting.add(place.tenant(), job);
            start = next(l);
        }
        if (start != null) {
            executor.execute(start);
        }
    }

    /** The next job of the tenant whose turn it is, wrapped to free its thread and place, when the lane has a thread; else null. */
    private Runnable next(Lane lane) {
        if (draining || lane.running >= lane.threads || lane.waiting.isEmpty()) {
            return null;
        }
        Runnable job = lane.waiting.poll();
        lane.running++;
        return () -> {
            try {
                job.run();
            } catch (Throwable e) {
                LOG.error("generation job escaped its handler", e);
            } finally {
                finished(lane);
            }
        };
    }

    private void finished(Lane lane) {
        Runnable start;
        CompletableFuture<Void> admitted = null;
        synchronized (this) {
            lane.running--;
            start = next(lane);
            if (!draining && !admissions.isEmpty()) {
                admitted = admissions.poll(); // the place passes on
            } else {
                held--;
            }
            notifyAll();
        }
        if (start != null) {
            executor.execute(start);
        }
        if (admitted != null) {
            admitted.complete(null);
        }
    }

    synchronized int queued(String lane) {
        return lanes.containsKey(lane) ? lanes.get(lane).waiting.size() : 0;
    }

    synchronized int running(String lane) {
        return lanes.containsKey(lane) ? lanes.get(lane).running : 0;
    }

    /**
     * Before the messaging connectors stop: no queued job starts any more (its record stays uncommitted, and the group
     * gives it to another worker), and the running ones get up to {@code drain-timeout} to finish and commit.
     */
    void drainOnShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        drain(drainTimeout);
    }

    synchronized void drain(Duration timeout) {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        int running = lanes.values().stream().mapToInt(l -> l.running).sum();
        LOG.infof("shutdown: %d generation jobs running, waiting up to %s for them", running, timeout);
        try {
            while (lanes.values().stream().anyMatch(l -> l.running > 0)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf("shutdown: generation jobs still running after %s; their records will be redelivered", timeout);
                    break;
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
