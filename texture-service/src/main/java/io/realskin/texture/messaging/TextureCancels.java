package io.realskin.texture.messaging;

import io.realskin.support.messaging.CancelsConfig;
import io.realskin.support.messaging.JobCancels;
import io.realskin.texture.service.TextureMetrics;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** This process's cancels: job.events on its own consumer group ({@code job-cancels} in application.properties). */
@Singleton
public class TextureCancels extends JobCancels {
    public TextureCancels(CancelsConfig config, TextureMetrics metrics) {
        super(config, metrics::cancelSkipped);
    }

    @Incoming(CHANNEL)
    public void consume(String value) {
        accept(value);
    }
}
