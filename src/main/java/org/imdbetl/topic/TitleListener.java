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
import org.imdbetl.catalogue.Catalogue;
import org.imdbetl.catalogue.TitleRecordCodec;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.Tconst;
import org.imdbetl.state.CatalogueState;
import org.imdbetl.state.ConsumerStats;

/**
 * Thin adapter from the {@code titles-in} channel: decode a batch (tombstones are deletions), dead-letter
 * what is not a title record, hand the rest and the offsets they reach to the {@link CatalogueState}.
 */
@ApplicationScoped
class TitleListener {

    private final CatalogueState state;
    private final DeadLetters deadLetters;
    private final ConsumerStats stats;

    TitleListener(CatalogueState state, DeadLetters deadLetters, ConsumerStats stats) {
        this.state = state;
        this.deadLetters = deadLetters;
        this.stats = stats;
    }

    @Incoming(Channels.TITLES_IN)
    public void consume(ConsumerRecords<String, byte[]> records) throws InvalidRecordException {
        List<Catalogue.Update> updates = new ArrayList<>(records.count());
        List<DeadLetters.Letter> letters = new ArrayList<>();
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
            if (!Tconst.isValid(record.key())) {
                if (record.value() == null) {
                    stats.recordIgnoredTombstone();
                } else {
                    dead(record, new InvalidRecordException(InvalidRecordException.Reason.NO_TCONST, "key is not a tconst"), letters);
                }
                continue;
            }
            if (record.value() == null) {
                updates.add(new Catalogue.Update(record.key(), null, null));
                continue;
            }
            try {
                updates.add(new Catalogue.Update(record.key(), TitleRecordCodec.decode(record.key(), record.value()), record.value()));
            } catch (InvalidRecordException e) {
                dead(record, e, letters);
            }
        }
        if (!letters.isEmpty()) {
            deadLetters.sendAll(letters);
        }
        // Every value was decoded above: apply refuses nothing here.
        state.apply(updates, nextOffsets);
        stats.recordTitlesConsumed(records.count());
    }

    private void dead(ConsumerRecord<String, byte[]> record, InvalidRecordException e, List<DeadLetters.Letter> letters) {
        letters.add(new DeadLetters.Letter(record, e));
        stats.recordDeadLettered(e.reason());
        Log.warnf("Catalogue: dead-lettered %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                e.reason(), e.getMessage());
    }
}
