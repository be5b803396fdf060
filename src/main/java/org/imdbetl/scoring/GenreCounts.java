package org.imdbetl.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How many movies have each genre, kept as movies come and go. Not thread-safe: the store locks. */
final class GenreCounts {

    private final Map<String, long[]> counts = new HashMap<>();

    void add(List<String> genres) {
        for (String genre : genres) {
            counts.computeIfAbsent(genre, g -> new long[1])[0]++;
        }
    }

    void remove(List<String> genres) {
        for (String genre : genres) {
            counts.get(genre)[0]--;
        }
    }

    /** Every genre some movie has, with its count, ordered by {@link GenreCount#ORDER}. */
    List<GenreCount> list() {
        List<GenreCount> list = new ArrayList<>(counts.size());
        counts.forEach((genre, count) -> {
            if (count[0] > 0) {
                list.add(new GenreCount(genre, count[0]));
            }
        });
        list.sort(GenreCount.ORDER);
        return list;
    }

    /** The genre as the movies spell it, matched case-insensitively, if any movie has it. */
    Optional<String> canonical(String genre) {
        return counts.entrySet().stream()
                .filter(e -> e.getValue()[0] > 0 && e.getKey().equalsIgnoreCase(genre))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
