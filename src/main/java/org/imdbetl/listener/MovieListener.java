package org.imdbetl.listener;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.MovieJson;
import org.imdbetl.kafka.Channels;
import org.imdbetl.scoring.ScoringStore;

/** Thin adapter from the {@code movies-in} channel to the scoring store: decode a batch, upsert it. */
@ApplicationScoped
public class MovieListener {

    private final MovieJson json;
    private final ScoringStore store;
    private final ConsumerStats stats;

    MovieListener(MovieJson json, ScoringStore store, ConsumerStats stats) {
        this.json = json;
        this.store = store;
        this.stats = stats;
    }

    @Incoming(Channels.MOVIES_IN)
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Movie> movies = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                movies.add(json.decode(record.value()));
            } catch (IOException | RuntimeException e) {
                stats.recordUndecodable();
                Log.warnf("Listener: skipped undecodable record at %s-%d offset %d: %s",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        store.upsertAll(movies);
        stats.recordConsumed(records.count());
    }
}
