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
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.history.HistoryEntry;
import org.imdbetl.history.RatingHistory;
import org.imdbetl.state.ConsumerStats;

/**
 * Thin adapter from the {@code history-in} channel: decode a batch of points, dead-letter what is not
 * one, and hand the rest to the {@link RatingHistory} together with the offsets they bring it to, in
 * one atomic write. A re-read point (after a crash, or sent twice) changes nothing there.
 */
@ApplicationScoped
class HistoryListener {

    private final HistoryJson json = new HistoryJson();
    private final RatingHistory history;
    private final DeadLetters deadLetters;
    private final ConsumerStats stats;

    HistoryListener(RatingHistory history, DeadLetters deadLetters, ConsumerStats stats) {
        this.history = history;
        this.deadLetters = deadLetters;
        this.stats = stats;
    }

    @Incoming(Channels.HISTORY_IN)
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<HistoryEntry> entries = new ArrayList<>(records.count());
        List<DeadLetters.Letter> letters = new ArrayList<>();
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
            try {
                entries.add(json.decode(record.value()));
            } catch (InvalidRecordException e) {
                letters.add(new DeadLetters.Letter(record, e));
                stats.recordDeadLettered(e.reason());
                Log.warnf("History: dead-lettered %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                        e.reason(), e.getMessage());
            }
        }
        if (!letters.isEmpty()) {
            deadLetters.sendAll(letters);
        }
        history.putAll(entries, nextOffsets);
        stats.recordHistoryConsumed(records.count());
    }
}
