package io.realskin.texture.messaging;

import io.realskin.texture.service.TextureWorkerPool;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * When texture.requests partitions move to another worker (a replica joins or leaves), the jobs of theirs still queued
 * here are dropped unstarted: the new owner reads them again from the last commit, so keeping them would work them
 * twice. Jobs already running finish (the results are idempotent).
 */
@ApplicationScoped
@Identifier(TextureRequestsRebalance.NAME)
public class TextureRequestsRebalance implements KafkaConsumerRebalanceListener {
    public static final String NAME = "texture-requests-rebalance";
    private static final Logger LOG = Logger.getLogger(TextureRequestsRebalance.class);

    private final TextureWorkerPool pool;

    public TextureRequestsRebalance(TextureWorkerPool pool) {
        this.pool = pool;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        drop(partitions, "revoked");
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        drop(partitions, "lost");
    }

    private void drop(Collection<TopicPartition> partitions, String how) {
        int dropped = pool.dropQueued(partitions);
        if (dropped > 0) {
            LOG.infof("partitions %s %s: %d queued texture jobs dropped, their new owner works them", how, partitions, dropped);
        }
    }
}
