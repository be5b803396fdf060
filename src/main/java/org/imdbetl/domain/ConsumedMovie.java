package org.imdbetl.domain;

/**
 * A record as the listener took it from the topic, with where it was: a movie, or a tombstone (a key
 * with no value: the movie left the dump) when {@code movie} is null.
 */
public record ConsumedMovie(String tconst, Movie movie, int partition, long offset) {

    public static ConsumedMovie upsert(Movie movie, int partition, long offset) {
        return new ConsumedMovie(movie.tconst(), movie, partition, offset);
    }

    public static ConsumedMovie tombstone(String tconst, int partition, long offset) {
        return new ConsumedMovie(tconst, null, partition, offset);
    }

    public boolean deleted() {
        return movie == null;
    }
}
