package org.imdbetl.state;

import org.imdbetl.domain.Movie;

/**
 * One consumed record as it goes into silver_movies: an upsert (the movie and its score then) or a
 * delete (only the tconst), and where it came from.
 */
public record SilverRow(Op op, String tconst, Movie movie, Double weightedScore, int partition, long offset,
        long consumedAtMillis) {

    /** The {@code op} column. */
    public enum Op {
        UPSERT,
        DELETE
    }
}
