package org.imdbetl.state;

import org.imdbetl.domain.Movie;

/** One consumed record as it goes into silver_movies: the movie, its score then, and where it came from. */
public record SilverRow(Movie movie, Double weightedScore, int partition, long offset, long consumedAtMillis) {
}
