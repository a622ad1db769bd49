package io.realskin.generation.messaging;

import io.realskin.generation.service.GenerationMetrics;
import io.realskin.support.messaging.CancelsConfig;
import io.realskin.support.messaging.JobCancels;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** This process's cancels: job.events on its own consumer group ({@code job-cancels} in application.properties). */
@Singleton
public class GenerationCancels extends JobCancels {
    public GenerationCancels(CancelsConfig config, GenerationMetrics metrics) {
        super(config, metrics::cancelSkipped);
    }

    @Incoming(CHANNEL)
    public void consume(String value) {
        accept(value);
    }
}
