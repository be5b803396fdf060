package org.imdbetl.scoring;

import java.util.Comparator;

/** How many movies in the store have a genre. */
public record GenreCount(String genre, long movieCount) {

    /** Count desc, then genre asc. */
    public static final Comparator<GenreCount> ORDER = Comparator
            .comparingLong(GenreCount::movieCount).reversed()
            .thenComparing(GenreCount::genre);
}
