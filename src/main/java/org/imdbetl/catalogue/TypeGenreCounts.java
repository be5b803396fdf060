package org.imdbetl.catalogue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imdbetl.domain.TitleRecord;

/**
 * How many titles of each type count under each genre, rated or not, as {@code /genres} counts movies; a
 * title without genres counts under {@link #UNKNOWN_GENRE}. Kept from each change's before and after.
 */
public final class TypeGenreCounts {

    public static final String UNKNOWN_GENRE = "(unknown)";

    private final Map<String, Map<String, Long>> counts = new TreeMap<>();

    /** @param before the title as the store held it, or null; @param after the title now, or null when removed */
    public void change(TitleRecord before, TitleRecord after) {
        if (before != null) {
            add(before, -1);
        }
        if (after != null) {
            add(after, 1);
        }
    }

    /** Genre to count for one type, genres in alphabetical order; empty for a type without titles. */
    public Map<String, Long> of(String titleType) {
        return Collections.unmodifiableMap(new TreeMap<>(counts.getOrDefault(titleType, Map.of())));
    }

    private void add(TitleRecord title, int delta) {
        Map<String, Long> byGenre = counts.computeIfAbsent(title.titleType(), t -> new TreeMap<>());
        List<String> genres = title.genres().isEmpty() ? List.of(UNKNOWN_GENRE) : title.genres();
        for (String genre : genres) {
            long count = byGenre.merge(genre, (long) delta, Long::sum);
            if (count == 0) {
                byGenre.remove(genre);
            }
        }
    }
}
