package io.realskin.generation.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.ImageModels;
import io.realskin.generation.config.GenerationConfig;
import io.realskin.generation.service.Providers;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
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

    /** One lane's threads and its waiting jobs, by tenant in turn order, each tenant's oldest first. */
    private static final class Lane {
        final int threads;
        final LinkedHashMap<String, ArrayDeque<Runnable>> waiting = new LinkedHashMap<>();
        int running;
        int queued;

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

    /**
     * The lane of a generation.requests record: its model's provider when that is configured, else {@link #OTHER}.
     * Reads the record without judging it (the job does that, and fails it with its code).
     */
    public String laneOf(String value) {
        try {
            EventEnvelope envelope = EventJson.readEnvelope(value);
            String model = envelope.payload() == null ? null : envelope.payload().path("model").asText(null);
            return ImageModels.find(model).map(ImageModels.Model::provider).filter(lanes::containsKey).orElse(OTHER);
        } catch (RuntimeException e) {
            return OTHER;
        }
    }

    /** The tenant a record names, for its turn in the lane; "" when it names none. */
    public static String tenantOf(String value) {
        try {
            String tenant = EventJson.readEnvelope(value).tenantId();
            return tenant == null ? "" : tenant;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Runs {@code job} (which holds a {@link #reserve() reserved} place) in {@code lane}, now or in {@code tenant}'s turn. */
    public void submit(String lane, String tenant, Runnable job) {
        Runnable start;
        synchronized (this) {
            Lane l = lanes.getOrDefault(lane, lanes.get(OTHER));
            l.waiting.computeIfAbsent(tenant, t -> new ArrayDeque<>()).add(job);
            l.queued++;
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
        Iterator<Map.Entry<String, ArrayDeque<Runnable>>> turns = lane.waiting.entrySet().iterator();
        Map.Entry<String, ArrayDeque<Runnable>> turn = turns.next();
        turns.remove();
        Runnable job = turn.getValue().poll();
        if (!turn.getValue().isEmpty()) {
            lane.waiting.put(turn.getKey(), turn.getValue());
        }
        lane.queued--;
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
        return lanes.containsKey(lane) ? lanes.get(lane).queued : 0;
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
