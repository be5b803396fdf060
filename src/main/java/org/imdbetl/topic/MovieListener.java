package org.imdbetl.topic;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.Tconst;
import org.imdbetl.state.ConsistentState;
import org.imdbetl.state.ConsumerStats;
import org.imdbetl.topic.Channels;
import org.imdbetl.topic.MovieJson;

/**
 * Thin adapter from the {@code movies-in} channel: decode a batch (tombstones are deletions), dead-letter what is not a movie,
 * hand the rest to the {@link ConsistentState}. A bad record never stops or stalls the consumer.
 */
@ApplicationScoped
class MovieListener {

    private final MovieJson json;
    private final ConsistentState state;
    private final DeadLetters deadLetters;
    private final ConsumerStats stats;

    MovieListener(MovieJson json, ConsistentState state, DeadLetters deadLetters, ConsumerStats stats) {
        this.json = json;
        this.state = state;
        this.deadLetters = deadLetters;
        this.stats = stats;
    }

    @Incoming(Channels.MOVIES_IN)
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<ConsumedMovie> movies = new ArrayList<>(records.count());
        List<DeadLetters.Letter> letters = new ArrayList<>();
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
            if (record.value() == null) {
                // A tombstone: the movie left the dump. Never dead-lettered; one without a tconst deletes nothing.
                if (Tconst.isValid(record.key())) {
                    movies.add(ConsumedMovie.tombstone(record.key(), record.partition(), record.offset()));
                } else {
                    stats.recordIgnoredTombstone();
                }
                continue;
            }
            try {
                movies.add(ConsumedMovie.upsert(json.decode(record.value()), record.partition(), record.offset()));
            } catch (InvalidRecordException e) {
                letters.add(new DeadLetters.Letter(record, e));
                stats.recordDeadLettered(e.reason());
                Log.warnf("Listener: dead-lettered %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                        e.reason(), e.getMessage());
            }
        }
        if (!letters.isEmpty()) {
            deadLetters.sendAll(letters);
        }
        state.apply(movies, nextOffsets);
        stats.recordConsumed(records.count());
    }
}
