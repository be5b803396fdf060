package org.imdbetl.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The ranking queries see, and the few superseded ones that cursors still walk.
 *
 * <p>A superseded ranking is kept only if a page handing out a cursor into it was read lately, and
 * only until no page was read from it for {@code idleNanos}; at most {@code maxKept} are kept. Beyond
 * that, rankings only first pages were read from go first (clients polling the top of the list hand
 * out cursors nobody may follow), then the least recently read. So rankings nobody pages through cost
 * nothing, a walk under way outlasts a busy first page, and the heap they hold is bounded by the count.
 */
final class PinnedRankings {

    private final int maxKept;
    private final long idleNanos;
    private final LongSupplier nanoClock;
    private volatile Ranking current = Ranking.empty();
    /** Superseded rankings still read lately; guarded by this. */
    private final List<Ranking> kept = new ArrayList<>();
    private volatile int keptCount;

    PinnedRankings(int maxKept, long idleNanos, LongSupplier nanoClock) {
        if (maxKept < 0 || idleNanos < 0) {
            throw new IllegalArgumentException("maxKept and idleNanos must not be negative");
        }
        this.maxKept = maxKept;
        this.idleNanos = idleNanos;
        this.nanoClock = nanoClock;
    }

    Ranking current() {
        return current;
    }

    /** Swaps in a newer ranking; the one it replaces is kept if a cursor into it was handed out lately. */
    synchronized void install(Ranking built) {
        Ranking previous = current;
        if (built.version() <= previous.version()) {
            return;
        }
        // Written before lastUsedNanos is read: see used().
        current = built;
        if (recentlyUsed(previous, nanoClock.getAsLong())) {
            kept.add(previous);
        }
        prune();
    }

    /**
     * Notes that a cursor into this ranking is being handed out. A ranking superseded between the read
     * and this call is taken back in: either {@link #install} sees this time, or this sees the new
     * current ranking (both are volatile), so a handed-out cursor never misses its ranking by a race.
     */
    void used(Ranking ranking) {
        ranking.lastUsedNanos = nanoClock.getAsLong();
        if (current != ranking) {
            synchronized (this) {
                if (!kept.contains(ranking) && ranking.version() < current.version()) {
                    kept.add(ranking);
                    prune();
                }
            }
        }
    }

    /** The ranking of that version, if it is the current one or still kept; null when it is gone. */
    Ranking find(long version) {
        Ranking now = current;
        if (now.version() == version) {
            return now;
        }
        if (keptCount == 0) {
            return null;
        }
        synchronized (this) {
            prune();
            for (Ranking ranking : kept) {
                if (ranking.version() == version) {
                    return ranking;
                }
            }
            return null;
        }
    }

    /** How many superseded rankings are kept, dropping those idle too long first. */
    int keptCount() {
        if (keptCount == 0) {
            return 0;
        }
        synchronized (this) {
            prune();
            return kept.size();
        }
    }

    /** Entries of the kept rankings' arrays (4 bytes each), for the heap they hold beyond the movies. */
    synchronized long keptEntries() {
        prune();
        return kept.stream().mapToLong(Ranking::entries).sum();
    }

    private boolean recentlyUsed(Ranking ranking, long now) {
        long used = ranking.lastUsedNanos;
        return used != Ranking.NEVER_USED && now - used <= idleNanos;
    }

    private void prune() {
        long now = nanoClock.getAsLong();
        kept.removeIf(ranking -> !recentlyUsed(ranking, now));
        if (kept.size() > maxKept) {
            kept.sort(Comparator.comparing((Ranking ranking) -> ranking.followed)
                    .thenComparingLong(ranking -> ranking.lastUsedNanos).reversed());
            kept.subList(maxKept, kept.size()).clear();
        }
        keptCount = kept.size();
    }
}
