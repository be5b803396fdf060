package org.imdbetl.scoring;

import java.util.Comparator;
import java.util.List;
import org.imdbetl.domain.Movie;

/** A movie with its weighted score under the store's current C; null score when unrated. */
public record ScoredMovie(Movie movie, Double weightedScore) {

    /**
     * Score desc, then votes desc, then tconst asc: a total order, so ties never hide a movie. Written
     * out by hand: composed comparators were the top of the profile of a full ingest.
     */
    public static final Comparator<ScoredMovie> RANKING = (a, b) -> {
        int byScore = Double.compare(b.weightedScore, a.weightedScore);
        if (byScore != 0) {
            return byScore;
        }
        int byVotes = Long.compare(b.movie.numVotes(), a.movie.numVotes());
        return byVotes != 0 ? byVotes : a.movie.tconst().compareTo(b.movie.tconst());
    };

    /** Genre a movie without genres is counted under. */
    public static final String UNKNOWN_GENRE = "(unknown)";

    public String tconst() {
        return movie.tconst();
    }

    /** The genres this movie counts under: its own, or {@link #UNKNOWN_GENRE}. */
    public List<String> countedGenres() {
        return movie.genres().isEmpty() ? List.of(UNKNOWN_GENRE) : movie.genres();
    }
}
