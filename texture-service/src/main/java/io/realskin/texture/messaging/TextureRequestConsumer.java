package io.realskin.texture.messaging;

import io.realskin.texture.service.TextureJobService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumer group {@code texture-workers} on texture.requests. CPU work runs on worker threads, unordered, so one
 * slow image does not hold up the others; a record that throws is sent to texture.requests.dlq.
 */
@ApplicationScoped
public class TextureRequestConsumer {
    public static final String CHANNEL = "texture-requests";

    private final TextureJobService jobs;

    public TextureRequestConsumer(TextureJobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        jobs.handle(record.key(), record.value());
    }
}
