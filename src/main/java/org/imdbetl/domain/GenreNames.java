package org.imdbetl.domain;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One String instance per genre name. IMDb has 28 genres but 750k movies each carry their own
 * copies after parsing: sharing them saves tens of megabytes of heap.
 */
public final class GenreNames {

    /** Bounds the table if a topic carries junk genres. */
    private static final int MAX_NAMES = 1024;
    private static final ConcurrentHashMap<String, String> NAMES = new ConcurrentHashMap<>();

    private GenreNames() {
    }

    public static String canonical(String genre) {
        String known = NAMES.get(genre);
        if (known != null) {
            return known;
        }
        if (NAMES.size() >= MAX_NAMES) {
            return genre;
        }
        String previous = NAMES.putIfAbsent(genre, genre);
        return previous == null ? genre : previous;
    }
}
