package org.imdbetl.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imdbetl.domain.ConsumedMovie;

/**
 * Consumed records not yet written to a silver part. Records below the offsets the last manifest
 * covers are already in a part, so a replay of the topic after a restart skips them, and so does a
 * re-delivery of records already taken (a consumer that rejoins its group reads from the earliest
 * offset again): each (partition, offset) reaches the silver parts exactly once.
 */
public final class SilverLog {

    private Map<Integer, Long> committed = Map.of();
    /** One past the last offset taken per partition: a re-delivery after a rebalance is not taken twice. */
    private final Map<Integer, Long> taken = new HashMap<>();
    private List<SilverRow> pending = new ArrayList<>();
    private boolean enabled = true;

    /** For an instance that writes no snapshots: keep nothing, or the pending rows would grow forever. */
    public synchronized void disable() {
        enabled = false;
        pending = new ArrayList<>();
    }

    /** Offsets already written, from the manifest; called before the first record is consumed. */
    public synchronized void resumeAfter(Map<Integer, Long> committedOffsets) {
        committed = Map.copyOf(committedOffsets);
        taken.clear();
        pending = new ArrayList<>();
    }

    public synchronized void append(ConsumedMovie consumed, Double weightedScore, long consumedAtMillis) {
        int partition = consumed.partition();
        if (!enabled || consumed.offset() < Math.max(committed.getOrDefault(partition, 0L), taken.getOrDefault(partition, 0L))) {
            return;
        }
        taken.put(partition, consumed.offset() + 1);
        SilverRow.Op op = consumed.deleted() ? SilverRow.Op.DELETE : SilverRow.Op.UPSERT;
        pending.add(new SilverRow(op, consumed.tconst(), consumed.movie(), weightedScore, consumed.partition(),
                consumed.offset(), consumedAtMillis));
    }

    public synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Takes the pending rows; the caller writes them, then calls {@link #committed} with the new offsets. */
    public synchronized List<SilverRow> drain() {
        List<SilverRow> rows = pending;
        pending = new ArrayList<>();
        return rows;
    }

    /** Puts rows back at the front after a failed write, so the next snapshot retries them. */
    public synchronized void restore(List<SilverRow> rows) {
        List<SilverRow> merged = new ArrayList<>(rows.size() + pending.size());
        merged.addAll(rows);
        merged.addAll(pending);
        pending = merged;
    }

    public synchronized void committed(Map<Integer, Long> offsets) {
        Map<Integer, Long> merged = new HashMap<>(committed);
        offsets.forEach((partition, offset) -> merged.merge(partition, offset, Math::max));
        committed = Map.copyOf(merged);
    }

    public synchronized Map<Integer, Long> committedOffsets() {
        return committed;
    }
}
