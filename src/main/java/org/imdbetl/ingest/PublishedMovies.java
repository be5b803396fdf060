package org.imdbetl.ingest;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.imdbetl.domain.Movie;

/**
 * What the movies topic holds now, as far as a refresh needs to know it: the delta of a new dump is
 * taken against it. The only complete and crash-consistent view of the topic is the store materialised
 * from it, so that is what implements this (docs/architecture.md, "Why the ingest reads the store").
 */
public interface PublishedMovies {

    /** The movie as the topic holds it, if it does. */
    Optional<Movie> find(String tconst);

    /** The tconsts the topic holds that {@code present} rejects: what a new dump no longer has. */
    List<String> absentFrom(Predicate<String> present);

    /** How many movies the topic holds. */
    long count();

    /** The weighted score the movie gets under the C in use now: for the history point of a change. */
    Double scoreNow(Movie movie);
}
