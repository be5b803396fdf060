package org.imdbetl.topic;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.imdbetl.state.RatingHistory;

/**
 * Resumes the history consumer where the history store is, not where a consumer group was: the store
 * writes its offsets with its points, so a crash never skips a point nor needs a commit to Kafka.
 * A partition the store has never read starts from the beginning (auto.offset.reset=earliest).
 */
@ApplicationScoped
@Identifier("history-rebalance")
class HistoryRebalance implements KafkaConsumerRebalanceListener {

    private final RatingHistory history;

    HistoryRebalance(RatingHistory history) {
        this.history = history;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<Integer, Long> stored = history.offsets();
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition.partition());
            if (next != null) {
                consumer.seek(partition, next);
            }
        }
        Log.infof("History: reading %s from offsets %s", partitions, stored);
    }
}
