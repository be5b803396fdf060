package org.imdbetl.listener;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.snapshot.SilverLog;

/**
 * Applies a consumed batch to the store, the silver log and the positions as one step, so a
 * snapshot taken {@link #consistently} sees all three at the same offsets.
 */
public final class BatchApplier {

    private final ScoringStore store;
    private final SilverLog silver;
    private final ConsumerPositions positions;
    private final Clock clock;

    public BatchApplier(ScoringStore store, SilverLog silver, ConsumerPositions positions, Clock clock) {
        this.store = store;
        this.silver = silver;
        this.positions = positions;
        this.clock = clock;
    }

    /**
     * @param batch the decodable records, in offset order per partition
     * @param nextOffsets per partition, one past the last record of the batch, decodable or not
     */
    public synchronized void apply(List<ConsumedMovie> batch, Map<Integer, Long> nextOffsets) {
        List<ScoredMovie> scored = store.upsertAll(batch.stream().map(ConsumedMovie::movie).toList());
        long now = clock.millis();
        for (int i = 0; i < batch.size(); i++) {
            silver.append(batch.get(i), scored.get(i).weightedScore(), now);
        }
        nextOffsets.forEach(positions::advance);
    }

    /** Runs the capture with no batch half-applied. */
    public synchronized <T> T consistently(Supplier<T> capture) {
        return capture.get();
    }

}
