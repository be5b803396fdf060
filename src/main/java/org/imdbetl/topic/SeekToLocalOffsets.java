package org.imdbetl.topic;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.imdbetl.history.RatingHistory;
import org.imdbetl.state.CatalogueState;
import org.imdbetl.state.ConsumerPositions;

/**
 * Starts a consumer where a local state is, not where a consumer group was: the state keeps its own
 * offsets, so a crash never skips a record nor needs a commit to Kafka. A partition the state has read
 * nothing of starts from the beginning (auto.offset.reset=earliest).
 * <ul>
 * <li>{@code movies-rebalance}: the store, after a checkpoint's offsets at start-up, and after the last
 * applied record when a partition comes back in a rebalance.</li>
 * <li>{@code history-rebalance}: the history store, which writes its offsets with its points.</li>
 * <li>{@code titles-rebalance}: the catalogue store, which writes its offsets with its records.</li>
 * </ul>
 */
final class SeekToLocalOffsets implements KafkaConsumerRebalanceListener {

    private final String state;
    private final Supplier<Map<Integer, Long>> localOffsets;

    /**
     * @param state what keeps the offsets, for the log
     * @param localOffsets the next offset to read per partition, as the state has it now
     */
    SeekToLocalOffsets(String state, Supplier<Map<Integer, Long>> localOffsets) {
        this.state = state;
        this.localOffsets = localOffsets;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<Integer, Long> next = localOffsets.get();
        for (TopicPartition partition : partitions) {
            Long offset = next.get(partition.partition());
            if (offset != null) {
                consumer.seek(partition, offset);
            }
        }
        Log.infof("%s: reading %s from offsets %s", state, partitions, next);
    }

    /** The three listeners, by the names the channels' configuration gives them. */
    @ApplicationScoped
    static class Listeners {

        @Produces
        @Singleton
        @Identifier("movies-rebalance")
        KafkaConsumerRebalanceListener movies(ConsumerPositions positions) {
            return new SeekToLocalOffsets("Listener", positions::snapshot);
        }

        @Produces
        @Singleton
        @Identifier("history-rebalance")
        KafkaConsumerRebalanceListener history(RatingHistory history) {
            return new SeekToLocalOffsets("History", history::offsets);
        }

        @Produces
        @Singleton
        @Identifier("titles-rebalance")
        KafkaConsumerRebalanceListener titles(CatalogueState catalogue) {
            return new SeekToLocalOffsets("Catalogue", catalogue.catalogue()::offsets);
        }
    }
}
