package org.imdbetl.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.imdbetl.domain.Movie;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.scoring.StoreStats;

/**
 * One movie with why it ranks where it does: its rank overall and per genre among rated movies, and the
 * terms of its weighted score WR = v/(v+m) R + m/(v+m) C. Rank and explain are absent for an unrated
 * movie, and with {@code ?explain=false}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MovieDetailView(String tconst, String title, String originalTitle, Integer year, Integer runtimeMinutes,
        List<String> genres, Double averageRating, Long numVotes, Double weightedScore, Integer rank,
        Map<String, Integer> genreRanks, Explain explain) {

    /** The terms of the weighted score. */
    public record Explain(@JsonProperty("R") double rating, @JsonProperty("v") long votes,
            @JsonProperty("m") double minVotesPrior, @JsonProperty("C") double globalMean, double weightOfRating,
            double weightOfPrior) {

        static Explain of(Movie movie, StoreStats stats) {
            double v = movie.numVotes();
            double m = stats.minVotesPrior();
            return new Explain(movie.averageRating(), movie.numVotes(), m, stats.globalMean(), v / (v + m), m / (v + m));
        }
    }

    public static MovieDetailView from(ScoredMovie scored, ScoringStore store, boolean explain) {
        Movie m = scored.movie();
        Integer rank = null;
        Map<String, Integer> genreRanks = null;
        Explain terms = null;
        if (explain && m.rated()) {
            var ranks = store.ranks(m.tconst());
            if (ranks.isPresent()) {
                rank = ranks.get().overall();
                genreRanks = ranks.get().byGenre();
            }
            terms = Explain.of(m, store.stats());
        }
        return new MovieDetailView(m.tconst(), m.title(), m.originalTitle(), m.year(), m.runtimeMinutes(), m.genres(),
                m.averageRating(), m.numVotes(), scored.weightedScore(), rank, genreRanks, terms);
    }
}
