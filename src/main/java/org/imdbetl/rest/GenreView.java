package org.imdbetl.rest;

import org.imdbetl.scoring.GenreCount;

/** One genre and how many movies in the store have it. */
public record GenreView(String genre, long movieCount) {

    public static GenreView from(GenreCount count) {
        return new GenreView(count.genre(), count.movieCount());
    }
}
