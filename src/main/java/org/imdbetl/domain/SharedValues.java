package org.imdbetl.domain;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared instances of the values every movie repeats: genre names, genre lists, years, runtimes,
 * ratings and small vote counts. Each movie would carry its own boxes and lists after parsing or
 * decoding; shared, they cost nothing per movie (docs/performance.md, "Memory"). Equal values stay
 * equal; nothing may rely on the identity of a box.
 */
public final class SharedValues {

    /** Bounds the tables if a topic carries junk genres. */
    private static final int MAX_GENRE_NAMES = 1024;
    /** IMDb has 28 genres and at most 3 per title: a few thousand lists; more means junk. */
    private static final int MAX_GENRE_LISTS = 8192;
    /** Years (1800-2200) and runtimes in minutes fall in this range. */
    private static final Integer[] INTEGERS = new Integer[Movie.MAX_YEAR + 1];
    /** Ratings 0.0 to 10.0 in tenths, as IMDb publishes them. */
    private static final Double[] RATINGS = new Double[101];
    /** Most movies have fewer votes than this. */
    private static final Long[] VOTES = new Long[4096];
    private static final ConcurrentHashMap<String, String> GENRE_NAMES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<List<String>, List<String>> GENRE_LISTS = new ConcurrentHashMap<>();

    static {
        for (int i = 0; i < INTEGERS.length; i++) {
            INTEGERS[i] = i;
        }
        for (int i = 0; i < RATINGS.length; i++) {
            RATINGS[i] = i / 10.0;
        }
        for (int i = 0; i < VOTES.length; i++) {
            VOTES[i] = (long) i;
        }
    }

    private SharedValues() {
    }

    public static String genre(String genre) {
        return shared(GENRE_NAMES, genre, MAX_GENRE_NAMES);
    }

    /** An unmodifiable list equal to {@code genres}, shared with every movie of the same genres. */
    public static List<String> genres(List<String> genres) {
        if (genres == null || genres.isEmpty()) {
            return List.of();
        }
        return shared(GENRE_LISTS, List.copyOf(genres), MAX_GENRE_LISTS);
    }

    public static Integer integer(Integer value) {
        return value != null && value >= 0 && value < INTEGERS.length ? INTEGERS[value] : value;
    }

    public static Double rating(Double value) {
        if (value == null || !(value >= 0 && value <= 10)) {
            return value;
        }
        Double tenths = RATINGS[(int) Math.round(value * 10)];
        return tenths.equals(value) ? tenths : value;
    }

    public static Long votes(Long value) {
        return value != null && value >= 0 && value < VOTES.length ? VOTES[value.intValue()] : value;
    }

    private static <T> T shared(ConcurrentHashMap<T, T> table, T value, int maxSize) {
        T known = table.get(value);
        if (known != null) {
            return known;
        }
        if (table.size() >= maxSize) {
            return value;
        }
        T previous = table.putIfAbsent(value, value);
        return previous == null ? value : previous;
    }
}
