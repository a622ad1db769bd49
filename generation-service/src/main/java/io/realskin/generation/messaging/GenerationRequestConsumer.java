package io.realskin.generation.messaging;

import io.realskin.generation.service.GenerationJobService;
import io.realskin.support.messaging.RequestWork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * generation.requests, group {@code generation-workers}. Each record first waits for a place among the records this
 * process may hold ({@link ProviderLanes#reserve()}), then goes to its provider's lane, where it waits for a thread
 * without holding one; jobs finish in any order and settle their own record ({@link RequestWork}): acknowledged, or
 * nacked with RealSkin's reason headers so the connector writes it to generation.requests.dlq with them. The connector
 * commits in offset order, so a crash leaves every unfinished record uncommitted and the group redelivers it.
 */
@ApplicationScoped
public class GenerationRequestConsumer {
    public static final String CHANNEL = "generation-requests";

    private final GenerationJobService jobs;
    private final ProviderLanes lanes;

    public GenerationRequestConsumer(GenerationJobService jobs, ProviderLanes lanes) {
        this.jobs = jobs;
        this.lanes = lanes;
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<String> record) {
        return Uni.createFrom().completionStage(lanes::reserve).invoke(() -> {
            long taken = System.nanoTime();
            lanes.submit(lanes.placeOf(record.getPayload()),
                    () -> RequestWork.settle(record, (key, payload) -> jobs.handle(key, payload, taken)));
        });
    }
}
