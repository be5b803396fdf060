package org.imdbetl.state;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.ReasonCounts;

/** What the listener has taken from the topic since start-up, and what it dead-lettered and why. */
public final class ConsumerStats {

    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong ignoredTombstones = new AtomicLong();
    private final AtomicLong historyConsumed = new AtomicLong();
    private final AtomicLong titlesConsumed = new AtomicLong();
    private volatile long checkpointMovies;
    private final ReasonCounts<InvalidRecordException.Reason> deadLettered =
            new ReasonCounts<>(InvalidRecordException.Reason.class);

    public void recordConsumed(long count) {
        consumed.addAndGet(count);
    }

    public void recordDeadLettered(InvalidRecordException.Reason reason) {
        deadLettered.increment(reason);
    }

    /** Records taken from the history topic (points and dead-lettered ones). */
    public void recordHistoryConsumed(long count) {
        historyConsumed.addAndGet(count);
    }

    public void recordTitlesConsumed(long count) {
        titlesConsumed.addAndGet(count);
    }

    /** Records read from the titles topic by this instance. */
    public long titlesConsumed() {
        return titlesConsumed.get();
    }

    public long historyConsumed() {
        return historyConsumed.get();
    }

    /** A tombstone whose key is not a tconst: it can delete nothing. */
    public void recordIgnoredTombstone() {
        ignoredTombstones.incrementAndGet();
    }

    public long ignoredTombstones() {
        return ignoredTombstones.get();
    }

    /** The store started from a checkpoint of this many movies, and read the topic only after it. */
    public void recordCheckpointLoaded(long movies) {
        checkpointMovies = movies;
    }

    /** Movies the store started from a checkpoint with; 0 when it read the whole topic. */
    public long checkpointMovies() {
        return checkpointMovies;
    }

    public long consumed() {
        return consumed.get();
    }

    public long deadLettered() {
        return deadLettered.total();
    }

    public long deadLettered(InvalidRecordException.Reason reason) {
        return deadLettered.get(reason);
    }

    public Map<InvalidRecordException.Reason, Long> deadLetteredByReason() {
        return deadLettered.nonZero();
    }
}
