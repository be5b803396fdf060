package org.imdbetl.listener;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.domain.MovieJson;
import org.imdbetl.kafka.Channels;

/** Thin adapter from the {@code movies-in} channel: decode a batch, hand it to the {@link BatchApplier}. */
@ApplicationScoped
public class MovieListener {

    private final MovieJson json;
    private final BatchApplier applier;
    private final ConsumerStats stats;

    MovieListener(MovieJson json, BatchApplier applier, ConsumerStats stats) {
        this.json = json;
        this.applier = applier;
        this.stats = stats;
    }

    @Incoming(Channels.MOVIES_IN)
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<ConsumedMovie> movies = new ArrayList<>(records.count());
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
            try {
                movies.add(new ConsumedMovie(json.decode(record.value()), record.partition(), record.offset()));
            } catch (IOException | RuntimeException e) {
                stats.recordUndecodable();
                Log.warnf("Listener: skipped undecodable record at %s-%d offset %d: %s",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        applier.apply(movies, nextOffsets);
        stats.recordConsumed(records.count());
    }
}
