package org.imdbetl.source;

import java.io.IOException;
import org.imdbetl.domain.Movie;

/** Receives each movie the reader produces, in file order. */
@FunctionalInterface
public interface MovieSink {

    /**
     * @return false to stop reading (a producer limit was reached)
     * @throws IOException when the movie cannot be passed on (the broker stopped): the read ends
     */
    boolean accept(Movie movie) throws InterruptedException, IOException;
}
