package org.imdbetl.app;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.imdbetl.domain.Movie;
import org.imdbetl.ingest.PublishedMovies;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.scoring.ScoringStore;

/** What the movies topic holds, as the store materialised from it holds it: the ingest's one view of the consumer side. */
final class StorePublishedMovies implements PublishedMovies {

    private final ScoringStore store;

    StorePublishedMovies(ScoringStore store) {
        this.store = store;
    }

    @Override
    public Optional<Movie> find(String tconst) {
        return store.find(tconst).map(ScoredMovie::movie);
    }

    @Override
    public List<String> absentFrom(Predicate<String> present) {
        return store.tconstsNotIn(present);
    }

    @Override
    public long count() {
        return store.stats().movies();
    }

    @Override
    public Double scoreNow(Movie movie) {
        return store.scoreNow(movie).weightedScore();
    }
}
