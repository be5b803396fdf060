package org.imdbetl.topic;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.imdbetl.state.ConsumerPositions;

/**
 * Starts the movies consumer where the store is: after a checkpoint's offsets at start-up, and after
 * the last applied record when a partition comes back in a rebalance. A partition the store has read
 * nothing of starts from the beginning (auto.offset.reset=earliest).
 */
@ApplicationScoped
@Identifier("movies-rebalance")
class MoviesRebalance implements KafkaConsumerRebalanceListener {

    private final ConsumerPositions positions;

    MoviesRebalance(ConsumerPositions positions) {
        this.positions = positions;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<Integer, Long> applied = positions.snapshot();
        for (TopicPartition partition : partitions) {
            Long next = applied.get(partition.partition());
            if (next != null) {
                consumer.seek(partition, next);
            }
        }
        Log.infof("Listener: reading %s from offsets %s", partitions, applied);
    }
}
