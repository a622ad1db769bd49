package io.realskin.generation.messaging;

import io.realskin.generation.service.GenerationJobService;
import io.realskin.support.messaging.RequestWork;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * generation.requests, group {@code generation-workers}. Jobs mostly wait on providers, so many run at once on their
 * own worker pool ({@code smallrye.messaging.worker.generation-jobs.max-concurrency}); each provider's bulkhead bounds
 * the calls. The method takes the {@link Message}, not its payload, so that it settles the record itself
 * ({@link RequestWork}): a record that throws is nacked with RealSkin's reason headers, and the connector writes it
 * to generation.requests.dlq with them (a payload method's failure is nacked without any).
 */
@ApplicationScoped
public class GenerationRequestConsumer {
    public static final String CHANNEL = "generation-requests";

    private final GenerationJobService jobs;

    public GenerationRequestConsumer(GenerationJobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(CHANNEL)
    @Blocking(value = "generation-jobs", ordered = false)
    public CompletionStage<Void> consume(Message<String> record) {
        return RequestWork.settle(record, jobs::handle);
    }
}
