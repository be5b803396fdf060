package org.imdbetl.rest;

import org.imdbetl.domain.TitleRecord;

/** One episode of a series: its numbers (null when IMDb has none), title, year and rating. */
public record EpisodeView(String tconst, Integer season, Integer episode, String title, Integer year, Integer runtimeMinutes,
        Double averageRating, Long numVotes, Double weightedScore) {

    static EpisodeView from(TitleRecord t, Double weightedScore) {
        return new EpisodeView(t.tconst(), t.seasonNumber(), t.episodeNumber(), t.primaryTitle(), t.startYear(),
                t.runtimeMinutes(), t.averageRating(), t.numVotes(), weightedScore);
    }
}
