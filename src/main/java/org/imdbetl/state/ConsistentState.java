package org.imdbetl.state;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.imdbetl.domain.ConsumedMovie;
import org.imdbetl.scoring.GenreCount;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.scoring.TopQuery;
import org.imdbetl.search.SavedAnalysis;

/**
 * The one owner of consistency between the scoring store, the silver log and the consumer positions.
 * A consumed batch is applied to all three as one step, and the lake writer takes a {@link Capture}
 * of all three with no batch half-applied. The lock is private: nobody else can hold it.
 */
public final class ConsistentState {

    private final ScoringStore store;
    private final SilverLog silver;
    private final ConsumerPositions positions;
    private final Clock clock;
    private final Object lock = new Object();

    public ConsistentState(ScoringStore store, SilverLog silver, ConsumerPositions positions, Clock clock) {
        this.store = store;
        this.silver = silver;
        this.positions = positions;
        this.clock = clock;
    }

    /**
     * What one snapshot writes. Null tables: they are not wanted or did not change. Null titles: not
     * wanted, or the title index could not give its analysis of exactly these movies.
     */
    public record Capture(List<SilverRow> silverRows, Map<Integer, Long> offsets, long storeVersion,
            List<ScoredMovie> movies, List<GenreCount> genres, List<ScoredMovie> top, SavedAnalysis titles) {

        public boolean hasTables() {
            return movies != null;
        }
    }

    /**
     * @param batch the decodable records, in offset order per partition
     * @param nextOffsets per partition, one past the last record of the batch, decodable or not
     */
    public void apply(List<ConsumedMovie> batch, Map<Integer, Long> nextOffsets) {
        synchronized (lock) {
            List<ScoredMovie> scored = store.applyAll(batch);
            long now = clock.millis();
            for (int i = 0; i < batch.size(); i++) {
                ScoredMovie stored = scored.get(i);
                silver.append(batch.get(i), stored == null ? null : stored.weightedScore(), now);
            }
            // Inside the lock: a capture must never see rows without the offsets that cover them.
            nextOffsets.forEach(positions::advance);
        }
    }

    /**
     * Loads the store from a checkpoint, before the first record is consumed. The offsets stay where they
     * are until {@link #adoptOffsets}: the store may be loaded while the broker starts, before the
     * checkpoint can be checked against the topic. The ranking is built here, so the store is complete
     * when it says loaded.
     *
     * @return the store's version once loaded
     */
    public long restore(StoreCheckpoint checkpoint) {
        synchronized (lock) {
            store.load(checkpoint.movies(), checkpoint.titles());
            store.exactTop(TopQuery.of(1));
            return store.stats().version();
        }
    }

    /** The checkpoint is good for this topic: the listener starts after its offsets. */
    public void adoptOffsets(StoreCheckpoint checkpoint) {
        synchronized (lock) {
            checkpoint.offsets().forEach(positions::advance);
        }
    }

    /**
     * Takes a restored checkpoint's movies out again, as tombstones would (the checkpoint turned out not
     * to fit the topic): the store is then empty and loads the whole topic.
     */
    public void undoRestore(StoreCheckpoint checkpoint) {
        synchronized (lock) {
            store.applyAll(checkpoint.movies().stream().map(movie -> ConsumedMovie.tombstone(movie.tconst(), 0, 0)).toList());
        }
    }

    /**
     * Drains the silver log and reads the offsets; with {@code tablesWanted}, also the current-state
     * tables, but only from a loaded, non-empty store that changed since {@code writtenVersion}, so a
     * good file is never replaced by an empty or partial one; with {@code titlesWanted} too, the title
     * index's analysis of the tables' movies (for a checkpoint).
     */
    public Capture capture(long writtenVersion, boolean tablesWanted, boolean titlesWanted, int topMovies) {
        synchronized (lock) {
            List<SilverRow> rows = silver.drain();
            Map<Integer, Long> offsets = positions.snapshot();
            long version = store.stats().version();
            boolean changed = tablesWanted && version != writtenVersion && positions.loaded() && store.stats().movies() > 0;
            if (!changed) {
                return new Capture(rows, offsets, version, null, null, null, null);
            }
            List<ScoredMovie> movies = store.allRanked();
            SavedAnalysis titles = titlesWanted ? store.titleAnalysis(movies).orElse(null) : null;
            return new Capture(rows, offsets, version, movies, store.genreCounts(),
                    store.exactTop(TopQuery.of(topMovies)), titles);
        }
    }
}
