package org.imdbetl.rest;

import java.util.List;
import org.imdbetl.domain.Movie;
import org.imdbetl.scoring.ScoredMovie;

/** A movie as the API shows it; weightedScore is null for an unrated movie. */
public record MovieView(String tconst, String title, String originalTitle, Integer year, Integer runtimeMinutes,
        List<String> genres, Double averageRating, Long numVotes, Double weightedScore) {

    public static MovieView from(ScoredMovie scored) {
        Movie m = scored.movie();
        return new MovieView(m.tconst(), m.title(), m.originalTitle(), m.year(), m.runtimeMinutes(), m.genres(),
                m.averageRating(), m.numVotes(), scored.weightedScore());
    }
}
