package org.imdbetl.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
