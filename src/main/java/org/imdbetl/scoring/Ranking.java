package org.imdbetl.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rated movies sorted by {@link ScoredMovie#RANKING}, overall and per genre, as of one store version.
 * Immutable but for {@link #lastUsedNanos}, which {@link PinnedRankings} reads to decide how long to keep it.
 */
final class Ranking {

    static final ScoredMovie[] NONE = new ScoredMovie[0];
    /** {@link #lastUsedNanos} of a ranking no cursor was handed out for. */
    static final long NEVER_USED = Long.MIN_VALUE;

    private final long version;
    private final ScoredMovie[] all;
    private final Map<String, ScoredMovie[]> byGenre;
    /** When a page that hands out a cursor into this ranking was last read from it. */
    volatile long lastUsedNanos = NEVER_USED;
    /** Whether a page was read from it by a cursor: a walk is under way, not only first pages. */
    volatile boolean followed;

    /** No movies, before the first build. */
    static Ranking empty() {
        return new Ranking(0, NONE, Map.of());
    }

    private Ranking(long version, ScoredMovie[] all, Map<String, ScoredMovie[]> byGenre) {
        this.version = version;
        this.all = all;
        this.byGenre = byGenre;
    }

    static Ranking of(long version, List<ScoredMovie> rated) {
        ScoredMovie[] all = rated.toArray(NONE);
        Arrays.sort(all, ScoredMovie.RANKING);
        Map<String, List<ScoredMovie>> lists = new HashMap<>();
        for (ScoredMovie scored : all) {
            for (String genre : scored.countedGenres()) {
                lists.computeIfAbsent(genre, g -> new ArrayList<>()).add(scored);
            }
        }
        Map<String, ScoredMovie[]> byGenre = new HashMap<>();
        lists.forEach((genre, list) -> byGenre.put(genre, list.toArray(NONE)));
        return new Ranking(version, all, byGenre);
    }

    /**
     * This ranking with the changes since it was built: the entries in {@code left} taken out, the
     * {@code joined} ones merged in. Linear in the size of the ranking (plus sorting what joined), where
     * {@link #of} sorts everything; arrays nothing changed in are shared.
     *
     * @param left entries no longer in the store, by identity
     * @param joined entries that joined it, in any order (ones that left again are in {@code left} too)
     */
    Ranking with(long newVersion, Set<ScoredMovie> left, List<ScoredMovie> joined) {
        List<ScoredMovie> kept = new ArrayList<>(joined.size());
        for (ScoredMovie scored : joined) {
            if (!left.contains(scored)) {
                kept.add(scored);
            }
        }
        ScoredMovie[] added = kept.toArray(NONE);
        Arrays.sort(added, ScoredMovie.RANKING);
        Map<String, List<ScoredMovie>> addedByGenre = new HashMap<>();
        for (ScoredMovie scored : added) {
            for (String genre : scored.countedGenres()) {
                addedByGenre.computeIfAbsent(genre, g -> new ArrayList<>()).add(scored);
            }
        }
        Map<String, ScoredMovie[]> genres = new HashMap<>();
        for (Map.Entry<String, ScoredMovie[]> genre : byGenre.entrySet()) {
            List<ScoredMovie> more = addedByGenre.remove(genre.getKey());
            putIfAny(genres, genre.getKey(), merge(genre.getValue(), left, more == null ? NONE : more.toArray(NONE)));
        }
        addedByGenre.forEach((genre, list) -> putIfAny(genres, genre, list.toArray(NONE)));
        return new Ranking(newVersion, merge(all, left, added), genres);
    }

    private static void putIfAny(Map<String, ScoredMovie[]> genres, String genre, ScoredMovie[] entries) {
        if (entries.length > 0) {
            genres.put(genre, entries);
        }
    }

    /** {@code sorted} without the entries in {@code left}, merged with {@code added} (sorted too). */
    private static ScoredMovie[] merge(ScoredMovie[] sorted, Set<ScoredMovie> left, ScoredMovie[] added) {
        if (added.length == 0 && left.isEmpty()) {
            return sorted;
        }
        ScoredMovie[] result = new ScoredMovie[sorted.length + added.length];
        boolean checkLeft = !left.isEmpty();
        int n = 0;
        int j = 0;
        for (ScoredMovie entry : sorted) {
            if (checkLeft && left.contains(entry)) {
                continue;
            }
            while (j < added.length && ScoredMovie.RANKING.compare(added[j], entry) < 0) {
                result[n++] = added[j++];
            }
            result[n++] = entry;
        }
        while (j < added.length) {
            result[n++] = added[j++];
        }
        return n == result.length ? result : Arrays.copyOf(result, n);
    }

    long version() {
        return version;
    }

    ScoredMovie[] all() {
        return all;
    }

    ScoredMovie[] genre(String genre) {
        return byGenre.getOrDefault(genre, NONE);
    }

    /** Entries over all arrays: what the ranking costs beyond the movies, at 4 bytes each with compressed oops. */
    long entries() {
        long entries = all.length;
        for (ScoredMovie[] list : byGenre.values()) {
            entries += list.length;
        }
        return entries;
    }

    List<ScoredMovie> top(TopQuery query) {
        ScoredMovie[] index = query.genre() == null ? all : genre(query.genre());
        List<ScoredMovie> result = new ArrayList<>(Math.min(query.limit(), 1024));
        int from = query.after() == null ? 0 : firstAfter(index, query.after(), false);
        for (int i = from; i < index.length && result.size() < query.limit(); i++) {
            if (query.accepts(index[i])) {
                result.add(index[i]);
            }
        }
        return result;
    }

    /** The first index whose entry ranks after the position (or at it, with {@code inclusive}). */
    static int firstAfter(ScoredMovie[] index, RankPosition position, boolean inclusive) {
        int low = 0;
        int high = index.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int cmp = position.compareTo(index[mid]);
            if (cmp > 0 || (cmp == 0 && !inclusive)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
