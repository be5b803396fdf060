package org.imdbetl.source;

import org.imdbetl.domain.Movie;

/** Receives each movie the reader produces, in file order. */
@FunctionalInterface
public interface MovieSink {

    /** @return false to stop reading (a producer limit was reached) */
    boolean accept(Movie movie) throws InterruptedException;
}
