package io.realskin.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.local.RealSkinService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every producer of dead letters cuts what would not fit beside its headers (service-support's DeadLetterSerializer):
 * with Kafka's StringSerializer a record near the broker's limit was refused as a dead letter, lost, and the
 * connector's dead-letter stream ended (or billing's sender retried it forever).
 */
@Execution(ExecutionMode.CONCURRENT) // reads files and runs tools only: beside the deployment's classes
class DeadLetterProducersTest {
    private static final String SERIALIZER = "io.realskin.support.messaging.DeadLetterSerializer";

    @Test
    void everyDeadLetterChannelUsesTheSerializerThatCutsToFit() {
        List<String> channels = new ArrayList<>();
        for (RealSkinService service : RealSkinService.values()) {
            Map<String, String> properties = ServiceSettings.properties(service);
            for (Map.Entry<String, String> e : properties.entrySet()) {
                String key = e.getKey();
                String prefix = null;
                if (key.endsWith(".failure-strategy") && e.getValue().equals("dead-letter-queue")) {
                    prefix = key.substring(0, key.length() - "failure-strategy".length()) + "dead-letter-queue.";
                } else if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic") && e.getValue().endsWith(".dlq")) {
                    prefix = key.substring(0, key.length() - "topic".length());
                }
                if (prefix == null) {
                    continue;
                }
                channels.add(service.module() + " " + prefix);
                for (String serializer : List.of("key.serializer", "value.serializer")) {
                    assertEquals(SERIALIZER, properties.get(prefix + serializer), service.module() + " " + prefix + serializer);
                }
            }
        }
        // texture.requests, generation.requests, job.events at the gateway (the connector's strategy), job.events at billing
        assertEquals(4, channels.size(), "the dead-letter channels found: " + channels);
    }
}
